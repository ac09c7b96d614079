"""HP3xx — validation, cross-validation and early stopping."""

TITLE = "Validation and early stopping"
