"""The parameter grids of scikit-learn's grid-search estimators written in a config:
`GridSearchCV` / `HalvingGridSearchCV` with a `param_grid` mapping (or a list of them), read
into dimensions that the search rules judge like a tuner's grid (HP601), and resolved to the
estimator each dimension sets (`clf__num_leaves` → the `clf` step's `num_leaves`, HP401).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hplint.analysis import derived
from hplint.analysis.pipeline import PIPELINES, estimator_at, nested_by_param
from hplint.document.access import mapping, scalar_value, sequence
from hplint.document.model import MappingNode, Node, SequenceNode
from hplint.formats._util import item_facts

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hplint.ir import AnyFact, Config, Estimator

GRID_SEARCHES = frozenset({"GridSearchCV", "HalvingGridSearchCV"})


@dataclass(frozen=True, slots=True)
class GridDimension:
    """One key of a `param_grid` and the values it lists."""

    name: str  # `reg__alpha`, as scikit-learn spells nested parameters
    key: Node
    values: list[AnyFact]


@dataclass(frozen=True, slots=True)
class EstimatorGrid:
    """One `param_grid` of a grid-search estimator, read into dimensions."""

    estimator_class: str
    anchor: Node  # the `param_grid` key
    dimensions: list[GridDimension]  # one grid (a `param_grid` list gives several)
    searched: Estimator | None  # the `estimator` the search fits, when written in the config


@dataclass(frozen=True, slots=True)
class GridSetting:
    """A grid dimension that sets parameter `name` of a given estimator."""

    grid: EstimatorGrid
    name: str  # the parameter's own name (`num_leaves`, not `clf__num_leaves`)
    dimension: GridDimension


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
        searched = nested_by_param(est).get("estimator")
        for mapping_node in mappings:
            dimensions = [
                GridDimension(entry.key_text, entry.key, item_facts(entry.value))
                for entry in mapping_node.entries
                if isinstance(entry.value.resolve(), SequenceNode)
            ]
            found.append(EstimatorGrid(est.class_name, grid.key, dimensions, searched))
    return found


def grid_settings(config: Config, est: Estimator, names: Iterable[str]) -> list[GridSetting]:
    """The grid dimensions that set one of `names` on `est`, in every grid of the config.

    scikit-learn spells a nested parameter `<step>__<param>`: a name is followed through
    `Pipeline` steps (by their names) and wrapped estimators (by their parameter) down to `est`.
    """
    if est.node is None:
        return []
    wanted = set(names)
    found: list[GridSetting] = []
    for grid in estimator_grids(config):
        if grid.searched is None:
            continue
        for dimension in grid.dimensions:
            *route, name = dimension.name.split("__")
            target = _follow(grid.searched, route)
            if name in wanted and target is not None and target.node is est.node:
                found.append(GridSetting(grid, name, dimension))
    return found


def set_by_grid(config: Config, est: Estimator, names: Iterable[str]) -> bool:
    """Does a grid of the config set one of `names` on `est`? Its written value is then unused."""
    return bool(grid_settings(config, est, names))


def _follow(est: Estimator, route: list[str]) -> Estimator | None:
    current = est
    for part in route:
        if current.class_name in PIPELINES:
            step = _step(current, part)
        else:
            step = nested_by_param(current).get(part)
        if step is None:
            return None
        current = step
    return current


def _step(pipeline: Estimator, name: str) -> Estimator | None:
    """The step called `name` of a `Pipeline` (`{name, class}` items or `[name, {class}]`)."""
    params = pipeline.params_section.mapping
    steps = sequence(params.get("steps")) if params is not None else None
    for item in steps.items if steps is not None else ():
        body = mapping(item)
        if body is not None and scalar_value(body.get("name")) == name:
            return estimator_at(item)
        pair = sequence(item)
        if pair is not None and len(pair.items) >= 2 and scalar_value(pair.items[0]) == name:
            return estimator_at(pair.items[1])
    return None
