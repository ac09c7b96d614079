"""The Ultralytics YOLO args format: detection, generated knowledge, schema, adapter, hover."""

from __future__ import annotations

import json
import textwrap

from hplint.detection import ULTRALYTICS, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.hover import hover_at
from tests.conftest import REPO
from tests.formats.generated import assert_outputs_follow_the_knowledge, pin

GENERATOR = "generate_ultralytics_knowledge"
KNOWLEDGE = REPO / "server" / "hplint" / "knowledge" / "data" / "ultralytics.json"

ARGS = textwrap.dedent(
    """\
    model: yolo11n.pt
    data: coco8.yaml
    epochs: 50
    imgsz: 640
    batch: 32
    optimizer: AdamW
    lr0: 0.002
    momentum: 0.9
    warmup_epochs: 3
    cos_lr: true
    mosaic: 1.0
    close_mosaic: 10
    """
)


def _detect(text: str) -> str | None:
    return detect_root(parse_text(text, "yaml").roots[0].node)


def test_yolo_args_are_detected_and_near_misses_are_not() -> None:
    assert _detect(ARGS) == ULTRALYTICS
    # YOLOv5's hyp files are read by YOLOv5's own train.py, not as Ultralytics arguments.
    hyp = "lr0: 0.01\nlrf: 0.01\nmomentum: 0.937\nobj: 1.0\nanchor_t: 4.0\nhsv_h: 0.015\nmosaic: 1.0\n"
    assert _detect(hyp) is None
    # A dataset YAML, and a project config that merely mentions a few YOLO keys.
    assert (
        _detect(
            "path: ../datasets/coco8\ntrain: images/train\nval: images/val\nnames: {0: person}\n"
        )
        is None
    )
    mixed = (
        "lr0: 0.01\nimgsz: 640\nmosaic: 1.0\nwandb_project: x\nrun_name: y\nnotes: z\nowner: me\n"
    )
    assert _detect(mixed) is None


def test_unknown_argument_and_fraction_out_of_range() -> None:
    text = ARGS.replace("momentum: 0.9", "momentun: 0.9").replace("mosaic: 1.0", "mosaic: 1.5")
    result = lint(text, path="args.yaml")
    found = {(d.code, d.message) for d in result.diagnostics}
    assert any(code == "HP002" and "did you mean `momentum`" in msg for code, msg in found), found
    assert any(code == "HP003" and "mosaic" in msg for code, msg in found), found


def test_the_adapter_reads_the_training_facts() -> None:
    root = parse_text(ARGS, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[ULTRALYTICS].adapt(root).training
    assert training.learning_rate is not None and training.learning_rate.value == 0.002
    assert training.batch_size is not None and training.batch_size.value == 32
    assert training.scheduler is not None and training.scheduler.type is not None
    assert training.scheduler.type.value == "cosine"
    # With the default optimizer (auto) the written learning rate is not the run's.
    auto = parse_text(ARGS.replace("optimizer: AdamW\n", ""), "yaml").roots[0].node
    assert auto is not None
    assert FORMATS[ULTRALYTICS].adapt(auto).training.learning_rate is None
    # AutoBatch (-1) and a GPU-memory fraction leave the batch unknown.
    for batch in ("-1", "0.7"):
        node = parse_text(ARGS.replace("batch: 32", f"batch: {batch}"), "yaml").roots[0].node
        assert node is not None
        assert FORMATS[ULTRALYTICS].adapt(node).training.batch_size is None


def test_hover_shows_default_and_version() -> None:
    result = lint(ARGS)
    hover = hover_at(result, ARGS.index("close_mosaic") + 1)
    version = json.loads(KNOWLEDGE.read_text("utf-8"))["generated_from"]["ultralytics"]
    assert hover is not None
    assert "default `10`" in hover.markdown and f"ultralytics {version}" in hover.markdown


def test_knowledge_records_the_generators_pinned_version_and_schema() -> None:
    data = json.loads(KNOWLEDGE.read_text("utf-8"))
    assert data["generated_from"] == {"ultralytics": pin(GENERATOR, "ULTRALYTICS")}
    assert_outputs_follow_the_knowledge(GENERATOR, KNOWLEDGE)
