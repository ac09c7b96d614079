"""Pausing Python's cyclic garbage collector around work that allocates much and frees little.

A lint, an outline or the folding ranges of a large file create tens of thousands of small
objects and free almost none of them before they return. With the collector on, each batch of
allocations triggers a collection that walks the whole heap, the document's trees included:
for a 10,000-line file that was most of an outline's time. Reference counting still frees what
the block drops; cycles wait for the next collection after it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The block runs without the cyclic collector (left as it was if already off)."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
