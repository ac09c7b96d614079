"""hplint: a linter and language server for machine-learning hyperparameter and tuning configs."""

from __future__ import annotations

__version__ = "0.1.0.dev0"

__all__ = ["__version__"]
