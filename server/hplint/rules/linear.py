"""HP2xx — regularization and linear models."""

from __future__ import annotations
