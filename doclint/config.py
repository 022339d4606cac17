"""Run configuration: selection, severities, doc type and extra rule directories (validated by pydantic)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from doclint.engine.selection import canonical_selector

FailOn = Literal["error", "warning", "info", "never"]


class ProcedureConfig(BaseModel):
    """Which procedure profile applies (national, zhejiang, …) and any thresholds overridden on top of it."""

    model_config = ConfigDict(extra="forbid")

    profile: str = "national"
    thresholds: dict[str, int] = Field(default_factory=dict)


class Config(BaseModel):
    """Everything a run can be told; a pure value, so results are a function of (document, rules, config)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    doc_type: Literal["normative", "rule", "local_regulation", "other"] | None = Field(
        default=None, alias="doc-type"
    )
    fail_on: FailOn = Field(default="error", alias="fail-on")
    rule_dirs: list[str] = Field(default_factory=list, alias="rule-dirs")
    max_bytes: int = Field(default=50 * 1024 * 1024, alias="max-bytes", ge=1)
    procedure: ProcedureConfig = Field(default_factory=ProcedureConfig)
    # Glob (relative to the config file's folder) → rules ignored for the files it matches.
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")

    @field_validator("select", "ignore", "extend_select")
    @classmethod
    def _canonical_selectors(cls, value: list[str]) -> list[str]:
        # 处罚 and penalty select the same rules; keep one spelling so severity and caches agree.
        return [canonical_selector(selector) for selector in value]

    @field_validator("severity")
    @classmethod
    def _canonical_severity(cls, value: dict[str, str]) -> dict[str, str]:
        return {canonical_selector(key): level for key, level in value.items()}

    @field_validator("per_file_ignores")
    @classmethod
    def _canonical_ignores(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {pattern: [canonical_selector(s) for s in codes] for pattern, codes in value.items()}
