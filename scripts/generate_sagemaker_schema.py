"""Generate ``schemas/sagemaker-tuning.schema.json`` from the installed botocore service model.

The SageMaker API has no published JSON Schema; its machine-readable definition is the
botocore service model (``sagemaker/2017-07-24/service-2.json``).  This script walks the
shapes reachable from ``CreateHyperParameterTuningJobRequest`` and
``DescribeHyperParameterTuningJobResponse`` and turns them into JSON Schema draft 2020-12:

* structures become ``object`` with ``additionalProperties: false`` (the API rejects
  unknown members), their ``required`` list and one ``$defs`` entry per shape;
* strings keep exact CamelCase ``enum`` values, ``minLength``/``maxLength`` and the model's
  ``pattern`` anchored as a full match (patterns Python's ``re`` cannot compile are dropped);
* integers/longs/floats keep ``minimum``/``maximum``; lists and maps keep their size limits;
* timestamps accept a string or a number (JSON has no date type);
* documentation is stripped of HTML and shortened to its first sentence or two.

Shapes reached from the Describe response are emitted a second time with a ``__Describe``
suffix: there every member also accepts ``null`` (SDK serialisers write unset members as
``null``) and string length/pattern limits, which the service applies to requests, are
left out (types, enums, numeric limits and unknown-member checks stay).

Usage::

    python scripts/generate_sagemaker_schema.py            # rewrite the schema file
    python scripts/generate_sagemaker_schema.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO_ROOT / "schemas" / "sagemaker-tuning.schema.json"
SCHEMA_ID = "https://hplint.dev/schemas/sagemaker-tuning.schema.json"

REQUEST_SHAPE = "CreateHyperParameterTuningJobRequest"
RESPONSE_SHAPE = "DescribeHyperParameterTuningJobResponse"
CONFIG_SHAPE = "HyperParameterTuningJobConfig"
DESCRIBE_SUFFIX = "__Describe"
MAX_DESCRIPTION = 320

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(`\"])")
# The prose writes the early-stopping enum in capitals, but the API only accepts `Off`/`Auto`.
_DOC_FIXES = {"must be OFF": "must be Off (enum spelling)"}


def clean_doc(doc: str) -> str:
    """HTML → plain text, first one or two sentences, at most ``MAX_DESCRIPTION`` chars."""
    text = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", doc or ""))).strip()
    text = re.sub(r"\s+([.,;:)])", r"\1", text).replace("( ", "(")
    if not text:
        return ""
    for wrong, right in _DOC_FIXES.items():
        text = text.replace(wrong, right)
    sentences = _SENTENCE_RE.split(text)
    short = sentences[0]
    if len(sentences) > 1 and len(short) < 120 and len(short) + len(sentences[1]) < MAX_DESCRIPTION:
        short = f"{short} {sentences[1]}"
    if len(short) > MAX_DESCRIPTION:
        short = short[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
    return short


def _anchored(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error:
        return None
    if pattern in {".*", "^.*$", ".+"}:
        return None
    core = pattern
    if core.startswith("^"):
        core = core[1:]
    if core.endswith("$") and not core.endswith("\\$"):
        core = core[:-1]
    return f"^(?:{core})$"


class Generator:
    def __init__(self, model: Any) -> None:
        self.model = model
        self.defs: dict[str, dict[str, Any]] = {}

    # -- scalars are inlined in the member schema --------------------------------------
    def scalar(self, shape: Any, nullable: bool) -> dict[str, Any]:
        meta = shape.metadata
        kind = shape.type_name
        out: dict[str, Any] = {}
        if kind == "string":
            out["type"] = "string"
            if shape.enum:
                out["enum"] = list(shape.enum)
            if nullable:
                pass  # read-only response: the request-side length/pattern limits don't apply
            elif "min" in meta and meta["min"] > 0:
                out["minLength"] = meta["min"]
            if "max" in meta and not nullable:
                out["maxLength"] = meta["max"]
            pattern = meta.get("pattern")
            if pattern and not shape.enum and not nullable:
                anchored = _anchored(pattern)
                if anchored:
                    out["pattern"] = anchored
        elif kind in {"integer", "long"}:
            out["type"] = "integer"
            if "min" in meta:
                out["minimum"] = meta["min"]
            if "max" in meta:
                out["maximum"] = meta["max"]
        elif kind in {"float", "double"}:
            out["type"] = "number"
            if "min" in meta:
                out["minimum"] = meta["min"]
            if "max" in meta:
                out["maximum"] = meta["max"]
        elif kind == "boolean":
            out["type"] = "boolean"
        elif kind == "timestamp":
            out["type"] = ["string", "number"]
        elif kind == "blob":
            out["type"] = "string"
        else:  # pragma: no cover - the tuning shapes use no other scalar kinds
            raise ValueError(f"unsupported shape type {kind} ({shape.name})")
        if nullable:
            out["type"] = [*([out["type"]] if isinstance(out["type"], str) else out["type"])]
            out["type"].append("null")
            if "enum" in out:
                out["enum"].append(None)
        return out

    def ref(self, shape: Any, nullable: bool) -> dict[str, Any]:
        if shape.type_name in {"structure", "list", "map"}:
            name = shape.name + (DESCRIBE_SUFFIX if nullable else "")
            if name not in self.defs:
                self.defs[name] = {}  # placeholder against recursion
                self.defs[name] = self.compound(shape, nullable)
            return {"$ref": f"#/$defs/{name}"}
        return self.scalar(shape, nullable)

    def compound(self, shape: Any, nullable: bool) -> dict[str, Any]:
        meta = shape.metadata
        out: dict[str, Any] = {}
        doc = clean_doc(shape.documentation)
        if doc:
            out["description"] = doc
        if shape.type_name == "structure":
            out["type"] = ["object", "null"] if nullable else "object"
            props: dict[str, Any] = {}
            for member_name, member in shape.members.items():
                schema = dict(self.ref(member, nullable))
                schema["description"] = (
                    clean_doc(member.documentation)
                    or doc
                    or f"{member_name} ({shape.name} member, SageMaker API)."
                )
                props[member_name] = schema
            out["properties"] = props
            required = [r for r in shape.required_members if r in shape.members]
            if required:
                out["required"] = required
            out["additionalProperties"] = False
            if meta.get("union"):
                out["maxProperties"] = 1
        elif shape.type_name == "list":
            out["type"] = ["array", "null"] if nullable else "array"
            out["items"] = self.ref(shape.member, nullable)
            if meta.get("min"):
                out["minItems"] = meta["min"]
            if "max" in meta:
                out["maxItems"] = meta["max"]
        else:  # map
            out["type"] = ["object", "null"] if nullable else "object"
            key = self.scalar(shape.key, False)
            key.pop("type", None)
            if key:
                out["propertyNames"] = key
            out["additionalProperties"] = self.ref(shape.value, nullable)
            if "max" in meta:
                out["maxProperties"] = meta["max"]
        return out


def build_schema() -> dict[str, Any]:
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    gen = Generator(model)
    request = gen.ref(model.shape_for(REQUEST_SHAPE), nullable=False)
    config = gen.ref(model.shape_for(CONFIG_SHAPE), nullable=False)
    describe = gen.ref(model.shape_for(RESPONSE_SHAPE), nullable=True)
    # The root of a Describe response itself is never null.
    root_describe = gen.defs[RESPONSE_SHAPE + DESCRIBE_SUFFIX]
    root_describe["type"] = "object"

    status_key = "HyperParameterTuningJobStatus"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Amazon SageMaker hyperparameter tuning job",
        "description": (
            "A SageMaker Automatic Model Tuning document: a CreateHyperParameterTuningJob "
            "request, a bare HyperParameterTuningJobConfig object, or a "
            "DescribeHyperParameterTuningJob response. Generated from the botocore service "
            "model; every range bound is a string on the wire and enums are CamelCase."
        ),
        "x-hplint-source": {
            "package": "botocore",
            "version": botocore.__version__,
            "service": "sagemaker",
            "apiVersion": model.api_version,
            "file": "botocore/data/sagemaker/2017-07-24/service-2.json",
            "shapes": [REQUEST_SHAPE, CONFIG_SHAPE, RESPONSE_SHAPE],
            "generator": "scripts/generate_sagemaker_schema.py",
            "adapted": (
                "Shapes converted to JSON Schema 2020-12 $defs; documentation stripped of HTML "
                "and shortened; patterns anchored as full matches (Java-only \\p{..} patterns "
                f"dropped); timestamps accept string or number; '{DESCRIBE_SUFFIX}' variants "
                "accept null for every member and drop string length/pattern limits (read-only "
                "Describe responses)."
            ),
        },
        "type": "object",
        "if": {"required": [status_key]},
        "then": {
            **describe,
            "description": "DescribeHyperParameterTuningJob response (has a job status).",
        },
        "else": {
            "if": {"required": [CONFIG_SHAPE]},
            "then": {**request, "description": "CreateHyperParameterTuningJob request."},
            "else": {
                **config,
                "description": "A bare HyperParameterTuningJobConfig object.",
            },
        },
        "$defs": dict(sorted(gen.defs.items())),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH)
    args = parser.parse_args(argv)
    text = render(build_schema())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
