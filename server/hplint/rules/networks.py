"""HP5xx — neural networks."""

from __future__ import annotations
