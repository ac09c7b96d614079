"""Loading the packaged JSON Schemas and compiling validators once per process."""

from hplint.schema_loader.registry import compile_count, validator_for

__all__ = ["compile_count", "validator_for"]
