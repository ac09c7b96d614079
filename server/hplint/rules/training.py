"""HP1xx — learning rate, optimizer and batch size."""

from __future__ import annotations
