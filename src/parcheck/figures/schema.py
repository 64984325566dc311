"""The JSON Schema of a YAML metrics file."""

from __future__ import annotations

from typing import Any


def metrics_schema() -> dict[str, Any]:
    """JSON Schema of a YAML metrics file (the CSV form is `check,value,as_of,note`)."""
    date = {
        "type": "string",
        "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
        "description": "YYYY-MM-DD or DD/MM/YYYY",
    }
    moment = {
        "type": "string",
        "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})([ T]\d{1,2}:\d{2}(:\d{2})?)?$",
        "description": "a date, or a date and time (2024-05-03 16:10)",
    }
    number = {
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)\s*%?\s*$"},
        ],
        "description": "98.5, 98,5 or 98.5%",
    }
    text = {"type": "string"}
    blank = {
        "anyOf": [
            {"type": "null"},
            {"type": "string", "pattern": r"^\s*$"},
            {"type": "array", "maxItems": 0},
        ],
        "description": "left blank: not reported",
    }
    value = {
        "anyOf": [
            blank,
            number,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"value": {"anyOf": [number, blank]}, "note": text},
                "description": "threshold: a number with a note",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["numerator", "denominator"],
                "properties": {
                    "numerator": {"anyOf": [number, blank]},
                    "denominator": {"anyOf": [number, blank]},
                    "note": text,
                },
                "description": "threshold: a ratio, read as a percentage",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "done": {"anyOf": [date, blank]},
                    "evidence": {"anyOf": [text, {"type": "null"}]},
                    "note": text,
                },
                "description": "deliverable: the day it was done and its evidence (a "
                "document without its date is refused)",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["done"],
                "properties": {
                    "done": {"anyOf": [{"type": "array", "items": date}, date, blank]},
                    "note": text,
                },
                "description": "recurring: the day of each submission",
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["events"],
                "properties": {
                    "events": {
                        "type": ["array", "null"],
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["start"],
                            "properties": {"start": moment, "done": moment, "ref": text},
                        },
                    },
                    "note": text,
                },
                "description": "event: each event, handled (done) or still open; "
                "`events: []` reports that there were none",
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://parcheck.invalid/schema/metrics.schema.json",
        "title": "parcheck metrics file",
        "description": "A dated snapshot of the figures for a plan's checks. Which shape a "
        "value takes depends on its check's kind; `parcheck validate --metrics` checks that.",
        "type": "object",
        "additionalProperties": False,
        "required": ["as_of", "values"],
        "properties": {
            "plan": {"type": "string", "description": "the plan's id, e.g. kh2024"},
            "as_of": date | {"description": "the day the figures describe"},
            "source": {"type": ["string", "null"], "description": "who collected them"},
            "export": {
                "type": "array",
                "description": "the one-stop-shop export files the figures were computed from "
                "(written by `parcheck dossiers --write-metrics`); provenance only",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "path": {"type": "string", "description": "the file as named"},
                        "format": {"enum": ["csv", "xlsx"]},
                        "sheet": {"type": ["string", "null"], "description": "the sheet read"},
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "rows": {"type": "integer", "minimum": 0, "description": "dossier rows"},
                        "counted": {"type": "integer", "minimum": 0},
                        "rejected": {"type": "integer", "minimum": 0},
                    },
                },
            },
            "values": {
                "type": "object",
                "description": "check id → value",
                "propertyNames": {"pattern": r"^[A-Z]+\.[0-9]+(\.[a-z0-9]+)*$"},
                "additionalProperties": value,
            },
        },
    }
