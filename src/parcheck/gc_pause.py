"""Python's cycle collector held off while a large input is turned into objects, and for
a whole run of the command line.

Reading a plan or a metrics folder makes millions of objects that all live to the end of
the run; the collector, which runs every 700 new objects and now and then walks every object
alive, made that cost grow faster than the input (status: 13x the time for 10x the tasks).
Nothing parcheck builds holds reference cycles worth collecting, so holding the collector
off frees no less memory. What is alive at the end is frozen (`gc.freeze`), so that later
collections do not walk it again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection inside; what is alive at the end is left out of later ones."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
