"""`parcheck template`: the metrics form for a date."""

from __future__ import annotations

import sys

from parcheck.cli.app import DEFAULT_PLAN, AsOfOption, PlanOption, app, as_of_option, load_inputs


@app.command()
def template(
    plan: PlanOption = DEFAULT_PLAN,
    as_of: AsOfOption = None,
) -> None:
    """In mẫu số liệu cho một ngày: mọi mã chỉ tiêu với loại, mục tiêu và hạn."""
    from parcheck.render.template import render_template

    day = as_of_option(as_of)
    plan_model, _, _ = load_inputs(plan, [], "vi", day)
    sys.stdout.write(render_template(plan_model, day))
