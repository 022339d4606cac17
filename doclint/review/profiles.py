"""Procedure profiles (rules/profiles/<name>.yaml): named thresholds that config can select and override."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from doclint.config import ProcedureConfig
from doclint.engine.ruleset import YamlCache, bundled_rules_dir, format_validation, parse_yaml, user_cache_dir
from doclint.errors import ConfigError
from doclint.facts.procedure import Thresholds


class Profile(BaseModel):
    """One profile file: a name, a line of description and its thresholds."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str
    # The normative-document rules the profile follows (a province's 行政规范性文件管理办法); the memo cites them
    # for 施行日期 and 有效期.
    measures: str | None = None
    # The province's own rules on drafting normative documents; the memo names them beside the 立法技术规范 for
    # drafting-practice findings (a law's full name at first citation). None: the profile has no such rules.
    drafting_rules: str | None = None
    thresholds: Thresholds


def profiles_dir() -> Path:
    return bundled_rules_dir() / "profiles"


def available_profiles() -> list[str]:
    return sorted(path.stem for path in profiles_dir().glob("*.yaml"))


def _read_profile(path: Path) -> Any:
    """The parsed file, from the user's YAML cache when this exact content was read before (no PyYAML import)."""
    cache = YamlCache(user_cache_dir(), "profiles")
    try:
        raw = cache.parsed(path.read_bytes(), parse_yaml)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # yaml.YAMLError is re-raised as ValueError
        raise ConfigError(f"{path}: 无法读取程序配置方案（{exc}）") from None
    cache.save()
    return raw


@lru_cache(maxsize=16)
def load_profile(name: str) -> Profile:
    """The named bundled profile; an unknown name or an invalid file is a ConfigError (exit 3)."""
    path = profiles_dir() / f"{name}.yaml"
    if not path.is_file():
        known = "、".join(available_profiles()) or "（无）"
        raise ConfigError(f"未知的程序配置方案（profile）「{name}」，可用的有：{known}")
    raw = _read_profile(path)
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: 程序配置方案无效：{format_validation(exc)}") from None
    if profile.name != name:
        raise ConfigError(f"{path}: name 应为「{name}」，实际为「{profile.name}」")
    return profile


def resolve_thresholds(procedure: ProcedureConfig, where: str = "配置") -> Thresholds:
    """The profile's thresholds with the config's overrides on top, validated key by key."""
    base = load_profile(procedure.profile).thresholds
    if not procedure.thresholds:
        return base
    merged = {**base.model_dump(), **procedure.thresholds}
    try:
        return Thresholds.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(f"{where}: procedure.thresholds 无效：{format_validation(exc)}") from None
