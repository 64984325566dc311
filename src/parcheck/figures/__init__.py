"""The figures the units send: dated snapshots read from metrics files."""

from parcheck.figures.model import (
    Done,
    Event,
    Events,
    MetricsRead,
    Number,
    Snapshot,
    Submissions,
    Value,
)
from parcheck.figures.read import read_metrics

__all__ = [
    "Done",
    "Event",
    "Events",
    "MetricsRead",
    "Number",
    "Snapshot",
    "Submissions",
    "Value",
    "read_metrics",
]
