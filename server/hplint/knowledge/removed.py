"""Estimator parameters a library removed (`data/removed_parameters.json`): when, and what to
write instead. HP002 reports such a key with its history rather than a bare did-you-mean."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from hplint.knowledge import read_data

_MISSING = object()


@dataclass(frozen=True, slots=True)
class RemovedParameter:
    """An estimator parameter its library removed: when, and what to write instead (HP002).
    `rename` takes the same value; a key that holds `old_default` changes nothing."""

    library: str
    parameter: str
    deprecated: str
    removed: str
    instead: str
    rename: str | None = None
    old_default: object = _MISSING

    @property
    def has_old_default(self) -> bool:
        return self.old_default is not _MISSING


@functools.cache
def _table() -> dict[tuple[str, str, str], RemovedParameter]:
    table: dict[tuple[str, str, str], RemovedParameter] = {}
    for library, entries in read_data("removed_parameters.json")["libraries"].items():
        for entry in entries:
            removed = RemovedParameter(
                library,
                entry["parameter"],
                entry["deprecated"],
                entry["removed"],
                entry["instead"],
                entry.get("rename"),
                entry.get("old_default", _MISSING),
            )
            for cls in entry["classes"]:
                table[(library, cls, entry["parameter"])] = removed
    return table


def removed_parameter(library: str, cls: str, parameter: str) -> RemovedParameter | None:
    """The removal record of `parameter` of `cls` (short class name) in `library`, if any."""
    return _table().get((library, cls, parameter))
