"""What the framework rules share: a Trainer config's top-level settings and their defaults."""

from __future__ import annotations

from dataclasses import dataclass

from hplint.detection import HF_TRAINER, HYDRA_TRAINING, LIGHTNING_CLI
from hplint.document.access import mapping, scalar_text, scalar_value, sequence
from hplint.document.model import MappingNode, Node
from hplint.formats._util import fact
from hplint.ir import AnyFact, Fact
from hplint.knowledge.hf_trainer import UNKNOWN_DEFAULT, default_of
from hplint.rules.api import RuleContext


@dataclass(frozen=True, slots=True)
class Setting:
    """A TrainingArguments field as the Trainer will see it: written, or its default."""

    name: str
    value: object
    fact: AnyFact | None  # None: the default (nothing written)

    def shown(self) -> str:
        """`eval_strategy: epoch`, or `save_strategy: steps (default)`."""
        spelled = str(self.value).lower() if isinstance(self.value, bool) else self.value
        return f"`{self.name}: {spelled}`" + ("" if self.fact is not None else " (default)")


def trainer_settings(ctx: RuleContext) -> dict[str, AnyFact] | None:
    """The top-level keys of a Trainer/TRL config, or None for any other format."""
    top = mapping(ctx.config.root) if ctx.format_id == HF_TRAINER else None
    if top is None:
        return None
    return {
        entry.key_text: Fact(scalar_value(entry.value), entry.value, entry.key)
        for entry in top.own_entries()
    }


def setting(settings: dict[str, AnyFact], name: str) -> Setting | None:
    """`name` as written, else its default when every config class agrees on one."""
    written = settings.get(name)
    if written is not None:
        return Setting(name, written.value, written)
    default = default_of(name)
    return None if default is UNKNOWN_DEFAULT else Setting(name, default, None)


@dataclass(frozen=True, slots=True)
class Callback:
    """A callback of a LightningCLI `trainer.callbacks`, by the last part of its class path."""

    name: str
    node: Node
    arguments: MappingNode | None  # its `init_args`

    def argument(self, name: str) -> AnyFact | None:
        return fact(self.arguments, name)


def lightning_callbacks(ctx: RuleContext) -> list[Callback]:
    """Lightning callbacks: a LightningCLI `trainer.callbacks` list, or Hydra `_target_`s."""
    if ctx.format_id == HYDRA_TRAINING:
        return [
            Callback(obj.cls.value.rsplit(".", 1)[-1], obj.mapping, obj.mapping)
            for obj in ctx.config.targets
            if obj.cls.value.startswith(("lightning.", "pytorch_lightning."))
        ]
    top = mapping(ctx.config.root) if ctx.format_id == LIGHTNING_CLI else None
    trainer = mapping(top.get("trainer")) if top is not None else None
    callbacks = trainer.get("callbacks") if trainer is not None else None
    items = sequence(callbacks)
    found: list[Callback] = []
    for item in items.items if items is not None else ([callbacks] if callbacks else []):
        body = mapping(item)
        path = scalar_text(body.get("class_path")) if body is not None else None
        if body is not None and path:
            found.append(Callback(path.rsplit(".", 1)[-1], item, mapping(body.get("init_args"))))
    return found
