"""`doclint.yaml` in a package folder: role overrides and facts that no document of the package states."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from doclint.errors import ConfigError
from doclint.model import MATERIAL_ROLES

SIDECAR_NAME = "doclint.yaml"


class ConsultationFacts(BaseModel):
    """The public consultation as the office knows it: `{from: 2025-03-01, to: 2025-03-31}`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    held: bool | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    days: int | None = Field(default=None, ge=1, le=3650)
    comments: int | None = Field(default=None, ge=0)
    adopted: int | None = Field(default=None, ge=0)
    shortened_reason: str | None = None

    @model_validator(mode="after")
    def ordered(self) -> ConsultationFacts:
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError("to 早于 from")
        if self.comments is not None and self.adopted is not None and self.adopted > self.comments:
            raise ValueError("adopted 大于 comments")
        return self


class DeliberationFacts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held: bool | None = None
    meeting: str | None = None
    date: dt.date | None = None


class StepFacts(BaseModel):
    """Steps stated outright: true, false or left out."""

    model_config = ConfigDict(extra="forbid")

    public_consultation: bool | None = None
    expert_review: bool | None = None
    risk_assessment: bool | None = None
    fair_competition_review: bool | None = None
    legality_review: bool | None = None
    collective_deliberation: bool | None = None


class Sidecar(BaseModel):
    """The whole file; unknown keys are errors so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")

    roles: dict[str, str] = Field(default_factory=dict)
    consultation: ConsultationFacts | None = None
    deliberation: DeliberationFacts | None = None
    procedure: StepFacts | None = None
    publication_date: dt.date | None = None
    profile: str | None = None
    thresholds: dict[str, int] = Field(default_factory=dict)

    @field_validator("roles")
    @classmethod
    def known_roles(cls, roles: dict[str, str]) -> dict[str, str]:
        for name, role in roles.items():
            if role not in MATERIAL_ROLES:
                known = "、".join(MATERIAL_ROLES)
                raise ValueError(f"文件「{name}」的角色「{role}」未知，可用的有：{known}")
        return roles


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(x) for x in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "；".join(parts)


def load_sidecar(path: Path) -> Sidecar:
    """Parse and validate; every problem is a ConfigError naming the file and the key (exit 3)."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取（{exc}）") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: YAML 语法错误（{exc}）") from None
    if raw is None:
        return Sidecar()
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 顶层应为键值映射（roles、consultation、procedure…）")
    try:
        return Sidecar.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
