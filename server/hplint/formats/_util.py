"""Small helpers shared by the format adapters."""

from __future__ import annotations

from collections.abc import Callable

from hplint.document.access import mapping, sequence
from hplint.document.model import MappingNode, Node
from hplint.document.values import fact_value
from hplint.ir import AnyFact, Fact, Section, Training, as_number
from hplint.knowledge import aliases


def fact(parent: MappingNode | None, key: str) -> AnyFact | None:
    """The fact for `key` in `parent` (value resolved through aliases), or None."""
    if parent is None:
        return None
    entry = parent.get_entry(key)
    if entry is None:
        return None
    return Fact(fact_value(entry.value), entry.value, entry.key)


def section(parent: MappingNode | None, key: str) -> Section:
    if parent is None:
        return Section()
    entry = parent.get_entry(key)
    if entry is None:
        return Section()
    return Section(entry.value, entry.key)


# --- shared by the vendor adapters -------------------------------------------------------------


def present(parent: MappingNode | None, key: str) -> AnyFact | None:
    """Like `fact`, but an explicit `null` counts as absent (SageMaker Describe responses are
    full of them)."""
    found = fact(parent, key)
    if found is None or found.value is None:
        return None
    return found


def present_section(parent: MappingNode | None, key: str) -> Section:
    """Like `section`, but an explicit `null` value counts as absent."""
    sec = section(parent, key)
    if sec.node is None:
        return sec
    from hplint.document.model import ScalarNode

    resolved = sec.node.resolve()
    if isinstance(resolved, ScalarNode) and resolved.value is None:
        return Section()
    return sec


def termination_policy(parent: MappingNode | None, key: str, kind: str) -> AnyFact | None:
    """An early-termination policy written as a mapping under `key`: the value of its `kind`
    field (None when absent), as a fact on the mapping with `key` as its key; None when there
    is no such mapping."""
    sec = present_section(parent, key)
    body = mapping(sec.node)
    if body is None:
        return None
    name = present(body, kind)
    return Fact(name.value if name is not None else None, body, sec.key)


def items(node: Node | None) -> list[Node]:
    """The items of a sequence node (empty for anything else)."""
    seq = sequence(node)
    return list(seq.items) if seq is not None else []


def item_facts(node: Node | None) -> list[AnyFact]:
    """One fact per sequence item (the value of a scalar item, the Python value otherwise)."""
    return [Fact(fact_value(item), item) for item in items(node)]


def relabel(original: AnyFact | None, value: object) -> AnyFact | None:
    """The same location with a normalised value (e.g. `bayes` → `bayesian`)."""
    if original is None:
        return None
    return Fact(value, original.node, original.key)


def normalise_method(
    original: AnyFact | None, table: dict[str, str]
) -> tuple[AnyFact | None, str | None]:
    """(normalised method fact, the format's raw spelling). Unknown spellings become `other`."""
    if original is None:
        return None, None
    raw = original.value if isinstance(original.value, str) else None
    if raw is None:
        return relabel(original, "other"), None
    normalised = table.get(raw) or table.get(raw.lower()) or "other"
    return relabel(original, normalised), raw


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def set_training_fact(training: object, name: str, value: AnyFact) -> bool:
    """Record a fixed hyperparameter as a training fact (the first one of a field wins)."""
    field_name = aliases.training_field(name)
    if field_name is None or getattr(training, field_name) is not None:
        return False
    setattr(training, field_name, value)
    return True


def positive_count(value: AnyFact | None) -> AnyFact | None:
    """`value` when it is a positive number — a count of epochs, devices, steps — else None:
    `auto`, `-1`, `true`, a list of device indices or an interpolation count nothing."""
    if value is None or isinstance(value.value, bool):
        return None
    number = as_number(value.value)
    return value if number is not None and number > 0 else None


def set_lightning_trainer_facts(
    training: Training, argument: Callable[[str], AnyFact | None]
) -> None:
    """The facts of Lightning's Trainer arguments, however the file spells the Trainer
    (a LightningCLI `trainer` mapping, a Hydra `_target_`): `argument(name)` reads one."""
    training.epochs = positive_count(argument("max_epochs"))
    training.max_steps = positive_count(argument("max_steps"))
    training.devices = positive_count(argument("devices"))
    training.nodes = positive_count(argument("num_nodes"))
    training.grad_accum_steps = positive_count(argument("accumulate_grad_batches"))
