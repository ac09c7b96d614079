"""Estimator classes and parameters, checked against scikit-learn, LightGBM and XGBoost."""

from __future__ import annotations
