"""The parameter grids of scikit-learn's grid-search estimators written in a config:
`GridSearchCV` / `HalvingGridSearchCV` with a `param_grid` mapping (or a list of them), read
into dimensions that the search rules judge like a tuner's grid (HP601).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hplint.analysis import derived
from hplint.document.model import MappingNode, Node, SequenceNode
from hplint.formats._util import item_facts

if TYPE_CHECKING:
    from hplint.ir import AnyFact, Config

GRID_SEARCHES = frozenset({"GridSearchCV", "HalvingGridSearchCV"})


@dataclass(frozen=True, slots=True)
class GridDimension:
    name: str  # `reg__alpha`, as scikit-learn spells nested parameters
    key: Node
    values: list[AnyFact]


@dataclass(frozen=True, slots=True)
class EstimatorGrid:
    estimator_class: str
    anchor: Node  # the `param_grid` key
    dimensions: list[GridDimension]  # one grid (a `param_grid` list gives several)


def estimator_grids(config: Config) -> list[EstimatorGrid]:
    """Every grid of every grid-search estimator of `config`, once per config."""
    return derived(config, "estimator-grids", lambda: _grids(config))


def _grids(config: Config) -> list[EstimatorGrid]:
    found: list[EstimatorGrid] = []
    for est in config.estimators:
        grid = est.params.get("param_grid")
        if est.class_name not in GRID_SEARCHES or grid is None or grid.key is None:
            continue
        body = grid.node.resolve()
        mappings = (
            [m for m in (item.resolve() for item in body.items) if isinstance(m, MappingNode)]
            if isinstance(body, SequenceNode)
            else [body]
            if isinstance(body, MappingNode)
            else []
        )
        for mapping_node in mappings:
            dimensions = [
                GridDimension(entry.key_text, entry.key, item_facts(entry.value))
                for entry in mapping_node.entries
                if isinstance(entry.value.resolve(), SequenceNode)
            ]
            found.append(EstimatorGrid(est.class_name, grid.key, dimensions))
    return found
