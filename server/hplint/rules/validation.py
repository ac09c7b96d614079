"""HP3xx — validation, cross-validation and early stopping."""

from __future__ import annotations
