"""Project configuration: `[tool.hplint]` in pyproject.toml, or `hplint.toml` / `.hplint.toml`.

The file is found upward from the linted file; in one directory `.hplint.toml` wins over
`hplint.toml`, which wins over `pyproject.toml` (only when it has a `[tool.hplint]` table). The
same `Settings` drive the CLI and the language server, where editor settings may override them.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import itertools
import re
import stat
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Final

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

from hplint.codes import DEFAULT_GROUP
from hplint.diagnostics import Severity

CONFIG_FILES: Final = (".hplint.toml", "hplint.toml", "pyproject.toml")

_LIST_KEYS: Final = ("select", "ignore", "extend-select", "exclude", "extend-exclude")
_TABLE_KEYS: Final = frozenset({*_LIST_KEYS, "severity", "per-file-ignores", "formats"})


def _option_names() -> list[str]:
    """The rule options (declared on the rules that read them)."""
    from hplint.rules import all_options

    return list(all_options())


class SettingsError(ValueError):
    """The configuration file is invalid; the CLI exits with 2 and says where."""


@dataclass(frozen=True, slots=True)
class Settings:
    """A project's configuration, parsed (defaults without one): which rules run, at what
    severity, on which files, with which options."""

    select: tuple[str, ...] = (DEFAULT_GROUP,)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    formats: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, float] = field(default_factory=dict)
    root: Path | None = None  # directory of the config file: globs are relative to it
    source: Path | None = None  # the config file these settings came from

    def relative(self, path: str | Path | None) -> str | None:
        if path is None:
            return None
        candidate = Path(path)
        if self.root is not None:
            with contextlib.suppress(ValueError, OSError):
                candidate = candidate.resolve().relative_to(self.root.resolve())
        return PurePosixPath(candidate.as_posix()).as_posix()

    def format_for(self, path: str | Path | None) -> str | None:
        relative = self.relative(path)
        if relative is None:
            return None
        if not self.formats or not _glob_set(tuple(self.formats)).matches(relative):
            return None
        for pattern, format_id in self.formats.items():
            if _glob_match(relative, pattern):
                return format_id
        return None

    def ignored_for(self, path: str | Path | None) -> tuple[str, ...]:
        relative = self.relative(path)
        if relative is None:
            return ()
        if not self.per_file_ignores or not _glob_set(tuple(self.per_file_ignores)).matches(
            relative
        ):
            return ()
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if _glob_match(relative, pattern):
                codes.extend(ignored)
        return tuple(codes)

    def is_excluded(self, path: str | Path) -> bool:
        relative = self.relative(path) or str(path)
        return bool(self.exclude) and _glob_set(self.exclude).matches(relative)

    def with_overrides(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
    ) -> Settings:
        """Settings with CLI flags or editor settings applied on top."""
        return replace(
            self,
            select=(tuple(select) if select is not None else self.select) + tuple(extend_select),
            ignore=(tuple(ignore) if ignore is not None else self.ignore) + tuple(extend_ignore),
            severity={**self.severity, **(severity or {})},
        )


def _glob_forms(raw: str) -> tuple[str | None, tuple[str, ...]]:
    """How one configuration glob matches: (the file-name pattern, or None; the path patterns).
    A bare name (`cache`, `*.json`) matches a name at any depth, like .gitignore; a glob with a
    `/` matches the relative path, anything under it, and the same at any depth."""
    pattern = raw.strip().lstrip("./") if raw.startswith("./") else raw.strip()
    if "/" not in pattern:
        return pattern, (pattern,)
    return None, (pattern, pattern.rstrip("/") + "/*", "**/" + pattern)


def _glob_match(relative: str, pattern: str) -> bool:
    name, paths = _glob_forms(pattern)
    if any(fnmatch.fnmatchcase(relative, form) for form in paths):
        return True
    return name is not None and fnmatch.fnmatchcase(PurePosixPath(relative).name, name)


class _GlobSet:
    """Globs compiled for matching many paths: `fnmatch` per glob and path cost a regex-cache
    look-up each, and thousands of `exclude` globs over thousands of files took minutes (#21).

    Literal file-name globs (`cache_1`) are a set. A path glob that starts with literal
    segments (`data/run_1/**`) can only match a path holding those segments in a row, so its
    regular expressions are filed under them, compiled when a path first has them; the rest
    (`*.yaml`, `**/tmp/*`) form one alternation. The answer is `_glob_match`'s for some glob;
    where it is yes, the callers that need to know which glob (`formats`, `per-file-ignores`)
    look at them one by one.
    """

    __slots__ = ("_by_segments", "_compiled", "_general", "_lengths", "_literal_names", "_names")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        literal_names: set[str] = set()
        on_names: list[str] = []
        general: list[str] = []
        self._by_segments: dict[tuple[str, ...], list[str]] = {}
        for raw in patterns:
            name, paths = _glob_forms(raw)
            if name is not None:
                if _has_magic(name):
                    on_names.append(fnmatch.translate(name))
                    general.append(fnmatch.translate(name))  # `*` also crosses `/`
                else:
                    literal_names.add(name)  # the path form is the name alone
                continue
            leading = tuple(
                itertools.takewhile(lambda part: part and not _has_magic(part), paths[0].split("/"))
            )
            if leading:  # translated when a path first has these segments
                self._by_segments.setdefault(leading, []).extend(paths)
            else:
                general.extend(fnmatch.translate(form) for form in paths)
        self._literal_names = frozenset(literal_names)
        self._names = re.compile("|".join(on_names)) if on_names else None
        self._general = re.compile("|".join(general)) if general else None
        self._lengths = sorted({len(key) for key in self._by_segments})
        self._compiled: dict[tuple[str, ...], re.Pattern[str]] = {}

    def matches(self, relative: str) -> bool:
        segments = relative.split("/")
        name = segments[-1]
        if name in self._literal_names or relative in self._literal_names:
            return True
        if self._names is not None and self._names.match(name):
            return True
        if self._general is not None and self._general.match(relative):
            return True
        for length in self._lengths:
            for start in range(len(segments) - length + 1):
                key = tuple(segments[start : start + length])
                if key in self._by_segments and self._expression(key).match(relative):
                    return True
        return False

    def _expression(self, key: tuple[str, ...]) -> re.Pattern[str]:
        expression = self._compiled.get(key)
        if expression is None:
            globs = self._by_segments[key]
            expression = re.compile("|".join(fnmatch.translate(glob) for glob in globs))
            self._compiled[key] = expression
        return expression


def _has_magic(pattern: str) -> bool:
    return any(character in pattern for character in "*?[")


@functools.lru_cache(maxsize=64)
def _glob_set(patterns: tuple[str, ...]) -> _GlobSet:
    return _GlobSet(patterns)


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a file or a directory).

    The search stops at the repository's root (a folder with `.git`) and at the user's home, so
    that a stray configuration above the project never changes its results."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    home = _home()
    for folder in (directory, *directory.parents):
        if _world_writable(folder):
            continue  # anyone could have put a configuration there (/tmp)
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
        if (folder / ".git").exists() or folder == home:
            break
    return None


def _world_writable(folder: Path) -> bool:
    try:
        return bool(folder.stat().st_mode & stat.S_IWOTH)
    except OSError:
        return True  # unreadable: not a place to take settings from


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (OSError, RuntimeError):
        return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether `pyproject` has `[tool.hplint]`; a file that is not valid TOML is an error (it
    may hold the project's hplint settings, and skipping it would change the results)."""
    data = _read_toml(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("hplint"), dict)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        raise SettingsError(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError:  # tomllib recurses per level of nested arrays and tables
        raise SettingsError(f"{path}: nested too deeply to read") from None
    return data


def load_settings_file(path: Path) -> Settings:
    data = _read_toml(path)
    table: Any = data
    nested = data.get("tool", {}).get("hplint") if isinstance(data.get("tool"), dict) else None
    if path.name == "pyproject.toml":
        table = nested if nested is not None else {}
    elif nested is not None:
        # `[tool.hplint]` copied from a pyproject.toml into hplint.toml: read it, unless the
        # file also has top-level settings (then which ones win would be a guess).
        if set(data) != {"tool"} or set(data["tool"]) != {"hplint"}:
            raise SettingsError(
                f"{path}: settings both at the top level and under [tool.hplint]; in "
                f"{path.name} write them at the top level (without [tool.hplint])"
            )
        table = nested
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.hplint] must be a table")
    return settings_from_mapping(table, source=path, root=path.parent)


def starter_configuration() -> str:
    """`hplint init`'s `hplint.toml`: every setting, commented out, at its default."""
    options = "\n".join(
        f"# {name} = {option.default:g}  # {option.description}"
        for name, option in _all_options().items()
    )
    return STARTER.format(options=options)


def _all_options() -> dict[str, Any]:
    from hplint.rules import all_options

    return all_options()


STARTER: Final = """\
# hplint configuration (the same keys work under [tool.hplint] in pyproject.toml).
# Every setting is commented out at its default; `hplint check --show-settings` prints what a
# file is linted with. Rules and groups: `hplint rules`; one rule's page: `hplint rule HP103`.

# Which rules run. `default` is the set that runs when nothing is selected; `heuristic` adds the
# rules of thumb (see docs/rules/principles.md).
# select = ["default"]
# extend-select = ["heuristic"]
# ignore = ["HP302"]

# Severity per code: error, warning, info or hint.
# [severity]
# HP302 = "info"

# Files to skip (globs relative to this file), and codes to skip per glob.
# exclude = ["experiments/old/**"]
# [per-file-ignores]
# "configs/legacy/*.yaml" = ["HP008"]

# A format for files that content detection does not recognise (or `none` to skip them).
# [formats]
# "sweeps/*.yaml" = "wandb-sweep"

# Rule options (thresholds, with the evidence for each default in the rule's page):
{options}
"""


def settings_from_mapping(
    table: Mapping[str, Any], *, source: Path | None = None, root: Path | None = None
) -> Settings:
    where = str(source) if source is not None else "settings"
    unknown = sorted(set(table) - _TABLE_KEYS - set(_option_names()))
    if unknown:
        raise SettingsError(f"{where}: unknown setting(s): {', '.join(unknown)}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{where}: `{key}` must be a list of strings")
        if key in ("select", "ignore", "extend-select"):
            _check_selectors(where, key, value)
        lists[key] = tuple(value)
    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise SettingsError(f'{where}: `severity` must be a table of CODE = "level"')
    for code, level in raw_severity.items():
        try:
            severity[str(code)] = Severity(str(level))
        except ValueError:
            raise SettingsError(
                f"{where}: severity of {code} must be error, warning, info or hint; got {level!r}"
            ) from None
    per_file: dict[str, tuple[str, ...]] = {}
    raw_per_file = table.get("per-file-ignores", {})
    if not isinstance(raw_per_file, dict):
        raise SettingsError(f"{where}: `per-file-ignores` must be a table of glob = [codes]")
    for pattern, codes in raw_per_file.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise SettingsError(f"{where}: per-file-ignores `{pattern}` must be a list of codes")
        _check_selectors(where, f"per-file-ignores `{pattern}`", codes)
        per_file[str(pattern)] = tuple(codes)
    formats = table.get("formats", {})
    if not isinstance(formats, dict) or not all(isinstance(v, str) for v in formats.values()):
        raise SettingsError(f'{where}: `formats` must be a table of glob = "format-id"')
    from hplint.detection import FORMAT_IDS

    for pattern, format_id in formats.items():
        if format_id not in FORMAT_IDS and format_id != "none":
            raise SettingsError(
                f"{where}: formats `{pattern}` names unknown format {format_id!r} "
                f"(known: {', '.join(FORMAT_IDS)}, none)"
            )
    options: dict[str, float] = {}
    for name in _option_names():
        if name in table:
            value = table[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SettingsError(f"{where}: `{name}` must be a number")
            options[name] = float(value)
    return Settings(
        select=lists.get("select", (DEFAULT_GROUP,)) + lists.get("extend-select", ()),
        ignore=lists.get("ignore", ()),
        severity=severity,
        per_file_ignores=per_file,
        exclude=lists.get("exclude", ()) + lists.get("extend-exclude", ()),
        formats=dict(formats),
        options=options,
        root=root,
        source=source,
    )


def _check_selectors(where: str, key: str, selectors: list[str]) -> None:
    from hplint.codes import selector_problem

    for selector in selectors:
        problem = selector_problem(selector)
        if problem is not None:
            raise SettingsError(f"{where}: {key}: {problem}")


def discover_settings(start: Path) -> Settings:
    """Settings for a file or directory: the nearest config file, or the defaults."""
    config = find_config_file(start)
    if config is None:
        return Settings()
    return load_settings_file(config)
