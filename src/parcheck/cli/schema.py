"""`parcheck schema`: the JSON Schema of plan files or metrics files."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from parcheck.cli.app import app


class SchemaName(StrEnum):
    plan = "plan"
    metrics = "metrics"


@app.command()
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            metavar="plan|metrics", help="Loại tệp: plan (kế hoạch) hoặc metrics (số liệu)."
        ),
    ],
) -> None:
    """In JSON Schema của tệp kế hoạch hoặc tệp số liệu."""
    if name is SchemaName.metrics:
        from parcheck.figures.schema import metrics_schema

        schema = metrics_schema()
    else:
        from parcheck.plan.schema import plan_schema

        schema = plan_schema()
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
