"""detectron2 (yacs) configs: detection, the adapter, generated knowledge, near misses, hover."""

from __future__ import annotations

import json
import textwrap

from hplint.detection import DETECTRON2, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.hover import hover_at
from tests.conftest import REPO
from tests.formats.generated import assert_outputs_follow_the_knowledge, pin

GENERATOR = "generate_detectron2_knowledge"
KNOWLEDGE = REPO / "server" / "hplint" / "knowledge" / "data" / "detectron2.json"

CONFIG = textwrap.dedent(
    """\
    _BASE_: "../Base-RCNN-FPN.yaml"
    MODEL:
      WEIGHTS: "detectron2://ImageNetPretrained/MSRA/R-50.pkl"
    SOLVER:
      IMS_PER_BATCH: 16
      BASE_LR: 0.02
      MAX_ITER: 90000
      STEPS: (60000, 80000)
      WARMUP_ITERS: 1000
    """
)


def test_detected_by_its_solver_or_base_and_sections() -> None:
    def detect(text: str) -> str | None:
        return detect_root(parse_text(text, "yaml").roots[0].node)

    assert detect(CONFIG) == DETECTRON2
    assert detect('_BASE_: "x.yaml"\nMODEL:\n  MASK_ON: true\n') == DETECTRON2
    assert detect("MODEL:\n  NAME: resnet\nSOLVER: adam\n") is None


def test_the_adapter_reads_the_solver() -> None:
    root = parse_text(CONFIG, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[DETECTRON2].adapt(root).training
    assert training.batch_size is not None and training.batch_size.value == 16
    assert training.batch_size_scope is not None and training.batch_size_scope.value == "global"
    assert training.learning_rate is not None and training.learning_rate.value == 0.02
    assert training.optimizer is not None and training.optimizer.value == "sgd"
    assert training.max_steps is not None and training.max_steps.value == 90000


def test_a_near_miss_is_reported_and_a_projects_own_key_is_not() -> None:
    text = CONFIG.replace("BASE_LR:", "BASE_LRR:") + "  MY_PROJECT_SETTING: 3\n"
    found = [(d.code, d.message) for d in lint(text, path="x.yaml").diagnostics]
    assert ("HP002", "Unknown key `BASE_LRR` in `SOLVER`; did you mean `BASE_LR`?") in found
    assert not any("MY_PROJECT_SETTING" in message for _, message in found)


def test_hover_shows_the_comment_of_defaults_py() -> None:
    result = lint(CONFIG)
    hover = hover_at(result, CONFIG.index("IMS_PER_BATCH") + 1)
    assert hover is not None and "Number of images per batch across all machines" in hover.markdown


def test_knowledge_records_the_pinned_commit_and_the_schema_follows_it() -> None:
    data = json.loads(KNOWLEDGE.read_text("utf-8"))
    assert data["generated_from"]["commit"] == pin(GENERATOR, "COMMIT")
    assert_outputs_follow_the_knowledge(GENERATOR, KNOWLEDGE)
