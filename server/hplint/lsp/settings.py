"""Editor settings: `initializationOptions.settings` and `workspace/configuration` (`hplint`).

Every setting has a server-side default; null, missing or invalid values are logged and replaced
by the default, never trusted to be there (clients such as Eglot answer `null`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

SECTION: Final = "hplint"
KNOWN_SETTINGS: Final = ("enable", "select", "ignore", "severity", "baseline", "inlayHints")
_LEVELS: Final = ("error", "warning", "info", "hint")


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """The `hplint` settings an editor sends, defaults filled in; `problems`: the invalid values."""

    enable: bool = True
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: Mapping[str, str] | None = None
    baseline: bool = True  # compare each file with its version at HEAD (HP104)
    inlay_hints: bool = True  # effective batch, expected learning rate, grid size, exponents
    problems: tuple[str, ...] = field(default=(), compare=False)

    def apply(self, project: Any) -> Any:
        """Project `Settings` with these editor settings on top."""
        from hplint.diagnostics import Severity

        severity = {code: Severity(level) for code, level in (self.severity or {}).items()}
        return project.with_overrides(
            select=self.select, ignore=self.ignore, severity=severity or None
        )


def _flag(name: str, value: Any, problems: list[str]) -> bool:
    """A true/false setting whose default is true (missing or null: the default)."""
    if value is None:
        return True
    if not isinstance(value, bool):
        problems.append(f"`hplint.{name}` must be true or false; got {value!r}")
        return True
    return value


def _codes(name: str, value: Any, problems: list[str]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [part for part in value.replace(" ", ",").split(",") if part]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    problems.append(f"`hplint.{name}` must be a list of rule codes; got {value!r}")
    return None


def parse_editor_settings(raw: Any) -> EditorSettings:
    """Read settings from `{"settings": {...}}`, `{"hplint": {...}}` or the bare mapping."""
    problems: list[str] = []
    if isinstance(raw, Mapping) and isinstance(raw.get("settings"), Mapping):
        raw = raw["settings"]
    if isinstance(raw, Mapping) and isinstance(raw.get(SECTION), Mapping):
        raw = raw[SECTION]
    if raw is None:
        return EditorSettings()
    if not isinstance(raw, Mapping):
        return EditorSettings(problems=(f"hplint settings must be an object; got {raw!r}",))
    enable = _flag("enable", raw.get("enable"), problems)
    select = _codes("select", raw.get("select"), problems)
    ignore = _codes("ignore", raw.get("ignore"), problems)
    severity: dict[str, str] | None = None
    raw_severity = raw.get("severity")
    if raw_severity is not None:
        if not isinstance(raw_severity, Mapping):
            problems.append(f"`hplint.severity` must map codes to levels; got {raw_severity!r}")
        else:
            severity = {}
            for code, level in raw_severity.items():
                if isinstance(level, str) and level.lower() in _LEVELS:
                    severity[str(code)] = level.lower()
                else:
                    allowed = ", ".join(_LEVELS)
                    problems.append(
                        f"`hplint.severity.{code}` must be one of {allowed}; got {level!r}"
                    )
    baseline = _flag("baseline", raw.get("baseline"), problems)
    inlay_hints = _flag("inlayHints", raw.get("inlayHints"), problems)
    unknown = sorted(str(k) for k in raw if k not in KNOWN_SETTINGS)
    if unknown:
        problems.append(f"unknown hplint setting(s) ignored: {', '.join(unknown)}")
    return EditorSettings(enable, select, ignore, severity, baseline, inlay_hints, tuple(problems))
