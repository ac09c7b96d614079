"""HP6xx — search spaces and search strategy, for every format."""

from __future__ import annotations
