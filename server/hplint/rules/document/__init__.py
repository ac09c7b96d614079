"""HP0xx — the document, the schema and estimator parameters.

Syntax, schema, YAML traps and suppressions; the parser, the schema layer, the engine and the
suppression parser report most of these codes, and their files here declare them so that they
have names and documentation like every rule. HP001's file also checks estimator classes and
parameters against the generated scikit-learn, LightGBM and XGBoost data.
"""

TITLE = "Document, schema and parameters"
