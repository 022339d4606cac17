"""Output models: the JSON v1 contract (findings, file results, the run report)."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
DocType = Literal["normative", "rule", "local_regulation", "other"]
DOC_TYPES: tuple[str, ...] = ("normative", "rule", "local_regulation", "other")


ModelT = TypeVar("ModelT", bound=BaseModel)
_set = object.__setattr__


def assemble(cls: type[ModelT], **values: Any) -> ModelT:
    """`cls.model_construct(**values)` for a caller that passes every field, already of its declared type.

    The same instance (fields set, no extra, no private state) without model_construct's per-field alias and
    default lookups, which were a visible share of each finding's cost in a batch. Models with a post-init
    hook or a root model take the library's own path. tests/test_model.py holds the two equal.
    """
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__ or len(values) != len(cls.__pydantic_fields__):
        return cls.model_construct(**values)
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


class Location(BaseModel):
    """Where a finding sits: 1-based line/column/paragraph and the article label if any."""

    model_config = ConfigDict(extra="forbid")

    line: int
    column: int
    paragraph: int
    article: str | None = None
    page: int | None = None  # for paged formats (PDF, OFD); omitted from JSON when None


class Finding(BaseModel):
    """One rule hit on a span of the extracted source text."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    excerpt: str
    location: Location
    basis: list[str] = Field(default_factory=list)
    suggestion: str = ""
    fingerprint: str = ""


class Procedure(BaseModel):
    """Procedure evidence: true = found, false = looked and absent, null = cannot tell."""

    model_config = ConfigDict(extra="allow")

    public_consultation: bool | None = None
    consultation_days: int | None = None
    expert_review: bool | None = None
    risk_assessment: bool | None = None
    fair_competition_review: bool | None = None
    collective_deliberation: bool | None = None
    legality_review: bool | None = None
    # Details behind the steps, when the materials state them.
    consultation_from: str | None = None  # ISO date, or the phrase when no year is given
    consultation_to: str | None = None
    consultation_comments: int | None = None
    consultation_adopted: int | None = None
    consultation_feedback: bool | None = None  # whether comments and their adoption are reported
    consultation_shortened_reason: bool | None = None
    consultation_exempt_reason: bool | None = None
    fair_competition_conclusion: str | None = None
    deliberation_meeting: str | None = None
    deliberation_date: str | None = None


class Evidence(BaseModel):
    """The sentence a fact was read from, so a reviewer can check it."""

    model_config = ConfigDict(extra="forbid")

    file: str
    text: str
    start: int | None = None
    end: int | None = None


class Facts(BaseModel):
    """Document-level facts computed once and exposed to every rule."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    effective_date: str | None = None
    publication_date: str | None = None
    validity: str | None = None
    provisional: bool | None = None  # the title marks it 暂行 / 试行
    effective_reason: bool | None = None  # a reason is given for taking effect within 30 days
    # Derived judgements the procedure rules read (thresholds already applied), e.g. consultation_too_short.
    checks: dict[str, Any] = Field(default_factory=dict)
    procedure: Procedure = Field(default_factory=Procedure)
    evidence: dict[str, Evidence] = Field(default_factory=dict)


class FileResult(BaseModel):
    """The result for one input file; `error` is set when it could not be read."""

    model_config = ConfigDict(extra="forbid")

    path: str
    error: str | None = None
    doc_type: DocType | None = None
    facts: Facts = Field(default_factory=Facts)
    findings: list[Finding] = Field(default_factory=list)


class ToolInfo(BaseModel):
    name: str = "doclint"
    version: str
    rules: str


class Summary(BaseModel):
    files: int
    errors: int
    findings: dict[str, int]


class Report(BaseModel):
    """The whole run, as printed by `--format json`."""

    version: int = 1
    tool: ToolInfo
    files: list[FileResult]
    summary: Summary

    @classmethod
    def build(cls, results: list[FileResult], tool_version: str, rules_hash: str) -> Report:
        counts = {"error": 0, "warning": 0, "info": 0}
        for result in results:
            for finding in result.findings:
                counts[finding.severity] += 1
        return cls(
            tool=ToolInfo(version=tool_version, rules=rules_hash),
            files=results,
            summary=Summary(
                files=len(results),
                errors=sum(1 for r in results if r.error),
                findings=counts,
            ),
        )

    def as_json_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        for file in data["files"]:
            for finding in file["findings"]:
                if finding["location"].get("page") is None:
                    finding["location"].pop("page", None)
        return data


MATERIAL_ROLES: dict[str, str] = {
    "draft": "送审稿",
    "drafting_explanation": "起草说明",
    "consultation": "征求意见及采纳情况",
    "expert_opinion": "专家论证意见",
    "risk_assessment": "风险评估报告",
    "fair_competition": "公平竞争审查意见（表）",
    "legality_pre_review": "起草单位合法性初审意见",
    "deliberation": "集体审议纪要",
    "basis_table": "制定依据对照表",
    "other": "其他材料",
}


class MaterialFile(BaseModel):
    """One file of a submission package (送审材料) and the role it plays in it."""

    model_config = ConfigDict(extra="forbid")

    path: str
    role: str
    title: str | None = None
    error: str | None = None


class ReviewResult(BaseModel):
    """A reviewed package: its materials, what is missing, and the draft's lint result with procedure facts."""

    model_config = ConfigDict(extra="forbid")

    package: str
    materials: list[MaterialFile] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)  # roles from MATERIAL_ROLES that the package lacks
    draft: FileResult | None = None
    draft_text: str | None = None  # the draft's extracted source text, for quoting clauses
