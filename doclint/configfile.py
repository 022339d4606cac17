"""Finds and reads `doclint.toml` or `[tool.doclint]` in `pyproject.toml`, walking up from the checked file."""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from doclint.config import Config, ProcedureConfig
from doclint.errors import ConfigError
from doclint.validation_zh import field_path, problem_zh

DEFAULT_SOURCE = "默认值"
CLI_SOURCE = "命令行"


@dataclass
class ResolvedConfig:
    """The effective configuration and, for each top-level key, where its value came from."""

    config: Config
    path: Path | None
    sources: dict[str, str] = field(default_factory=dict)

    def ignored_for(self, file_path: str) -> list[str]:
        """Rules that `per-file-ignores` switches off for this file."""
        return ignored_for(self.config, file_path)


def ignored_for(config: Config, file_path: str) -> list[str]:
    """Rules switched off for a file by `per-file-ignores` (globs anchored at the config file's folder)."""
    if not config.per_file_ignores or file_path in ("-", "<stdin>"):
        return []
    absolute = Path(file_path).resolve().as_posix()
    ignored: list[str] = []
    for pattern, codes in config.per_file_ignores.items():
        if fnmatch.fnmatch(absolute, pattern):
            ignored.extend(codes)
    return ignored


def _has_doclint_table(pyproject: Path) -> bool:
    try:
        return "doclint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def find_config_file(start: Path) -> Path | None:
    """The nearest doclint.toml, or pyproject.toml with a [tool.doclint] table, from `start` upwards."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "doclint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_doclint_table(pyproject):
            return pyproject
    return None


def read_config_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误（{exc}）") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("doclint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.doclint] 应当是一个表")
        return dict(table)
    return data


def _describe(error: ValidationError, path: Path | None) -> str:
    """Every problem of the table, one a line, each naming the file and the key."""
    where = str(path) if path else CLI_SOURCE
    problems = []
    for item in error.errors():
        key = field_path(tuple(item["loc"]))
        if item["type"] == "extra_forbidden":
            known = difflib.get_close_matches(str(item["loc"][-1]), _known_keys(item["loc"][:-1]), n=1)
            hint = f"（是否想写「{known[0]}」？）" if known else ""
            problems.append(f"{where}: 未知的配置项「{key}」{hint}")
        else:
            problems.append(f"{where}: 配置项「{key}」{problem_zh(item)}")
    return "\n".join(problems)


def _known_keys(parent: tuple[object, ...]) -> list[str]:
    model: type[BaseModel] = ProcedureConfig if parent == ("procedure",) else Config
    return [info.alias or name for name, info in model.model_fields.items()]


def _table_from(path: Path) -> dict[str, Any]:
    table = read_config_table(path)
    if isinstance(table.get("rule-dirs"), list):
        # Rule directories in a config file are relative to that file, wherever doclint is run from.
        table["rule-dirs"] = [str((path.parent / str(d)).resolve()) for d in table["rule-dirs"]]
    if isinstance(table.get("per-file-ignores"), dict):
        # Globs are relative to the config file; anchor them so they hold wherever doclint runs.
        root = path.parent.resolve().as_posix()
        table["per-file-ignores"] = {f"{root}/{pattern}": codes for pattern, codes in table["per-file-ignores"].items()}
    try:
        Config.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path)) from None
    return table


def _merge(path: Path | None, table: dict[str, Any], overrides: dict[str, Any] | None) -> ResolvedConfig:
    given = {key: value for key, value in (overrides or {}).items() if value is not None}
    try:
        config = Config.model_validate({**table, **given})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, None)) from None
    sources: dict[str, str] = {}
    for name, info in Config.model_fields.items():
        key = info.alias or name
        sources[key] = CLI_SOURCE if key in given else str(path) if key in table else DEFAULT_SOURCE
    return ResolvedConfig(config=config, path=path, sources=sources)


def resolve_config(start: Path | None, overrides: dict[str, Any] | None = None) -> ResolvedConfig:
    """Defaults, then the config file found from `start`, then command-line overrides."""
    path = find_config_file(start) if start is not None else None
    return _merge(path, _table_from(path) if path else {}, overrides)


def read_explicit_config(path: Path, overrides: dict[str, Any] | None = None) -> ResolvedConfig:
    """`--config PATH`: that file and nothing else (a missing file is an error, not a silent default)."""
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在")
    return _merge(path, _table_from(path), overrides)
