"""Pydantic models of a rule file: rules, conditions (all/any/not + primitives), basis and examples."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from doclint import rx

CATEGORIES = ("licensing", "penalty", "coercion", "fee", "obligation", "competition", "ultra_vires", "vague",
              "procedure", "form", "citation", "suppression")
CATEGORY_PREFIX = {"licensing": "LIC", "penalty": "PEN", "coercion": "COE", "fee": "FEE", "obligation": "OBL",
                   "competition": "COM", "ultra_vires": "VIR", "vague": "VAG", "procedure": "PRO",
                   "form": "FRM", "citation": "CIT", "suppression": "SUP"}
CATEGORY_NAMES_ZH = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制", "fee": "收费",
                     "obligation": "增加义务", "competition": "公平竞争", "ultra_vires": "越权",
                     "vague": "模糊表述", "procedure": "制定程序", "form": "公文形式", "citation": "引用上位法",
                     "suppression": "豁免注释"}
Scope = Literal["clause", "sentence", "paragraph", "article", "document"]
DocTypeName = Literal["normative", "rule", "local_regulation", "other"]
PRIMITIVES = ("regex", "words", "terms", "near", "cites_law", "basis_cites_law", "actor", "fact", "check",
              "bound", "modality", "precondition", "consequence", "upon", "favours", "basis", "voice")
# The clause reading's questions (doclint.reading) and the answers a rule may ask for.
Bound = Literal["private", "organ", "unknown"]
Modality = Literal["duty", "prohibition", "permission", "none"]
ConsequenceKind = Literal["penalty", "penalty_reputational", "penalty_property", "penalty_licence", "penalty_conduct",
                          "penalty_liberty", "disguised", "exclusion", "credit", "denial", "coercive"]
UponKind = Literal["misconduct", "status", "lack"]
FavourKind = Literal["local_preference", "local_condition", "local_restriction", "local_reward", "outsider",
                     "designated", "ownership", "cap", "selective", "tax_linked", "price", "relocation", "scale",
                     "exit", "membership", "brand", "onsite", "cartel", "tax_relief", "fee_relief"]
BasisKind = Literal["article", "statute", "rules", "bare", "none"]


class Near(BaseModel):
    """Two conditions whose matches lie within `within` characters of each other."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    a: Condition
    b: Condition
    within: int = Field(default=10, ge=0, le=500)
    ordered: bool = False  # when true, a must come before b


class Condition(BaseModel):
    """Exactly one of: a combinator (all/any/not) or a primitive."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    all_: list[Condition] | None = Field(default=None, alias="all")
    any_: list[Condition] | None = Field(default=None, alias="any")
    first: list[Condition] | None = None  # like any, but only the first matching child's hits count
    not_: Condition | None = Field(default=None, alias="not")
    regex: str | None = None
    words: list[str] | None = None
    terms: list[str] | None = None
    near: Near | None = None
    cites_law: bool | Literal["specific"] | None = None
    basis_cites_law: bool | None = None  # the preamble / 第一条 names higher law
    actor: Literal["private", "government", "unknown"] | None = None
    fact: str | None = None
    check: str | None = None  # a named detector from doclint.checks (citations, form)
    # The clause reading (doclint.reading): each takes one answer or a list of answers, any of which will do.
    bound: list[Bound] | None = None  # who carries the clause's duty or prohibition
    modality: list[Modality] | None = None
    precondition: bool | None = None  # a private party's activity waits on someone else's yes
    consequence: list[ConsequenceKind] | None = None  # an adverse consequence for a private party
    upon: list[UponKind] | None = None  # what the consequence answers to
    favours: list[FavourKind] | None = None  # whom the clause favours or shuts out among market players
    basis: list[BasisKind] | None = None  # the basis the sentence gives, up to this clause
    voice: Literal["own", "reported"] | None = None  # the document's own provision, or a report of another's

    @field_validator("bound", "modality", "consequence", "upon", "favours", "basis", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def exactly_one(self) -> Condition:
        set_keys = [name for name in ("all_", "any_", "first", "not_", *PRIMITIVES) if getattr(self, name) is not None]
        if len(set_keys) != 1:
            shown = [key.rstrip("_") for key in set_keys] or ["（无）"]
            raise ValueError(f"每个条件必须恰好有一个键（all/any/not 或一种原语），实际为：{', '.join(shown)}")
        for key in ("all_", "any_", "first", "words", "terms", "bound", "modality", "consequence", "upon", "favours",
                    "basis"):
            value = getattr(self, key)
            if value is not None and not value:
                raise ValueError(f"{key.rstrip('_')} 不能为空列表")
        return self


class BasisRef(BaseModel):
    """A legal basis: a law and optionally its article, or a named policy document."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    law: str
    article: int | None = Field(default=None, ge=1)
    paragraph: int | None = Field(default=None, ge=1)
    item: int | None = Field(default=None, ge=1)  # 第（三）项
    note: str | None = None

    def label(self) -> str:
        name = self.law if self.law.startswith("《") or "〔" in self.law else f"《{self.law}》"
        if self.article is None:
            return name
        from doclint.text.numerals import int_to_chinese

        label = f"{name}第{int_to_chinese(self.article)}条"
        if self.paragraph:
            label += f"第{int_to_chinese(self.paragraph)}款"
        if self.item:
            label += f"第（{int_to_chinese(self.item)}）项"
        return label


class Precedent(BaseModel):
    """A public correction of this kind of clause: who found it, when, what they found, where it was published."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    authority: str
    year: int = Field(ge=1980, le=2100)
    found: str
    source: str

    def label(self) -> str:
        return f"{self.authority}（{self.year}年）：{self.found}（来源：{self.source}）"


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    text: str
    doc_type: DocTypeName = "normative"


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    flag: list[Example] = Field(min_length=1)
    pass_: list[Example] = Field(alias="pass", min_length=1)

    @field_validator("flag", "pass_", mode="before")
    @classmethod
    def plain_strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value


CJK = r"\u4e00-\u9fff，。；：、！？（）「」《》〔〕"
FOLD_GAP = rx.compile(rf"(?<=[{CJK}])[ \t\n]+(?=[{CJK}])")


def _normative_only() -> list[DocTypeName]:
    return ["normative"]


class Rule(BaseModel):
    """One rule, documented by its own fields (what, why, basis, examples, suggestion)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str = Field(pattern=r"^[A-Z]{3}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z_]+(\.[a-z0-9-]+)+$")
    category: Literal[CATEGORIES]  # type: ignore[valid-type]
    severity: Literal["error", "warning", "info"]
    applies_to: list[DocTypeName] = Field(default_factory=_normative_only)
    scope: Scope = "sentence"
    match: Condition
    unless: Condition | None = None
    message: str
    what: str
    why: str
    basis: list[BasisRef] = Field(default_factory=list)
    # Public corrections of this kind of clause (a case notice, a filing-review report, a court's review).
    precedents: list[Precedent] = Field(default_factory=list)
    suggestion: str
    examples: Examples
    aliases: list[str] = Field(default_factory=list)
    since: str = "0.1.0"
    # A catch-all rule: not reported where a rule of its category, or any error, fires on the same sentence.
    fallback: bool = False

    @field_validator("what", "why", "message", "suggestion")
    @classmethod
    def join_folded_lines(cls, value: str) -> str:
        """YAML's folded blocks (>-) put a space at each line break; Chinese text has none."""
        return FOLD_GAP.sub("", value.strip())

    @model_validator(mode="after")
    def code_matches_category(self) -> Rule:
        prefix = CATEGORY_PREFIX[self.category]
        if not self.id.startswith(prefix):
            raise ValueError(f"规则编号 {self.id} 应以类别 {self.category} 的前缀 {prefix} 开头")
        if not self.name.startswith(self.category.replace("_", "-") + ".") and not self.name.startswith(
            self.category + "."
        ):
            raise ValueError(f"规则名称 {self.name} 应以类别名 {self.category}. 开头")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    rules: list[Rule]


class Lexicon(BaseModel):
    """A shared word list, referenced from rules as "@name" inside words/terms lists."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    description: str
    terms: list[str] = Field(min_length=1)

