"""What hplint knows beyond the schemas: hover texts, aliases, formats, sources, estimators.

The hand-written knowledge is data in `data/` (each file with a JSON Schema beside it), shipped
inside the package in wheel and editable installs alike; read through `read_data`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# importlib.resources would cost ~20 ms of imports on every start.
DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> Any:
    """The parsed content of `data/<name>` (JSON, or YAML for `.yaml` files)."""
    path = DATA_DIR / name
    if path.suffix == ".yaml":
        import yaml  # only hover's knowledge is YAML; importing this package stays stdlib-only

        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return json.loads(path.read_text(encoding="utf-8"))
