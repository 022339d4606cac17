"""A submission package end to end: find its files and roles, lint the draft, and read procedure facts from all.

A step the package shows is true; a step it says was skipped, or that no file of it shows, is false (the package
was searched). The draft's content rules run as in `check`; the procedure rules run on the package's facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from doclint.config import Config, ProcedureConfig
from doclint.discovery import discover
from doclint.document import Document
from doclint.engine.ruleset import RuleSet
from doclint.engine.runner import run_rules
from doclint.errors import ConfigError, DoclintError, ReadError
from doclint.facts.issuer import from_signature, organ_names
from doclint.facts.procedure import STEPS, Reading, Thresholds, derive_checks, read_procedure
from doclint.lint import lint_source, selected_rules
from doclint.model import Evidence, Facts, FileResult, Finding, MaterialFile, Procedure, ReviewResult
from doclint.readers import SourceDocument, read_path
from doclint.review.profiles import load_profile, resolve_thresholds
from doclint.review.roles import article_count, first_line, guess_role, role_from_label
from doclint.review.sidecar import SIDECAR_NAME, Sidecar, load_sidecar
from doclint.text.normalise import normalise
from doclint.text.structure import parse_structure

# The material whose mere presence shows a step was taken.
ROLE_STEP: dict[str, str] = {
    "consultation": "public_consultation",
    "expert_opinion": "expert_review",
    "risk_assessment": "risk_assessment",
    "fair_competition": "fair_competition_review",
    "legality_pre_review": "legality_review",
    "deliberation": "collective_deliberation",
}
# Materials every package needs (missing → 补正), unless another file already shows the step they document.
REQUIRED_ROLES: tuple[str, ...] = ("drafting_explanation", "consultation", "fair_competition",
                                   "legality_pre_review", "deliberation")
# Materials needed only when the draft's content calls for them: the rule that says so has fired.
CONDITIONAL_ROLES: dict[str, str] = {
    "expert_opinion": "procedure.expert-review-missing",
    "risk_assessment": "procedure.risk-assessment-missing",
}
# Where to look first for consultation and meeting details: the report on them, then the explanation.
DETAIL_ORDER: dict[str, int] = {"consultation": 0, "deliberation": 0, "fair_competition": 0,
                                "drafting_explanation": 1, "draft": 2}


class PackageError(DoclintError):
    """The package cannot be reviewed as given (no files, no draft, two drafts named)."""

    exit_code = 2


@dataclass
class Material:
    path: str
    role: str
    title: str | None = None
    source: SourceDocument | None = None
    norm: str = ""
    error: str | None = None


@dataclass
class Package:
    name: str
    materials: list[Material]
    sidecar: Sidecar = field(default_factory=Sidecar)
    sidecar_path: str | None = None

    @property
    def draft(self) -> Material | None:
        return next((m for m in self.materials if m.role == "draft"), None)


def find_sidecar(paths: list[str]) -> Path | None:
    """doclint.yaml inside a folder given, or given itself among the paths."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and (path / SIDECAR_NAME).is_file():
            return path / SIDECAR_NAME
        if path.name == SIDECAR_NAME and path.is_file():
            return path
    return None


def package_name(paths: list[str]) -> str:
    return paths[0] if len(paths) == 1 else "、".join(paths)


def read_material(path: str, max_bytes: int) -> Material:
    try:
        source = read_path(path, max_bytes)
    except ReadError as exc:
        return Material(path=path, role="other", error=str(exc))
    norm = normalise(source.text)
    title = parse_structure(norm).title or first_line(norm)
    return Material(path=path, role=guess_role(path, title, norm), title=title, source=source, norm=norm)


def override_roles(materials: list[Material], sidecar: Sidecar, where: str) -> None:
    by_name: dict[str, Material] = {}
    for material in materials:
        by_name[material.path] = material
        by_name[Path(material.path).name] = material
    for name, role in sidecar.roles.items():
        named = by_name.get(name)
        if named is None:
            raise ConfigError(f"{where}: roles.{name}: 该文件不在送审材料中")
        named.role = role


def settle_draft(materials: list[Material], explicit: set[str]) -> None:
    """Exactly one draft: a file the sidecar named, else the one a name or title calls 送审稿, else the longest."""
    drafts = [m for m in materials if m.role == "draft"]
    named = [m for m in drafts if m.path in explicit]
    if len(named) > 1:
        raise PackageError("doclint.yaml 的 roles 中指定了多个草案（draft），只能有一个")
    if not named and not drafts:
        # A package whose draft has no telling name: take the readable file with the most articles.
        candidates = [m for m in materials if m.role == "other" and m.error is None and article_count(m.norm)]
        drafts = sorted(candidates, key=lambda m: -article_count(m.norm))[:1]
    if not drafts and not named:
        return
    chosen = named[0] if named else sorted(
        drafts,
        key=lambda m: (role_from_label(Path(m.path).stem) != "draft" and role_from_label(m.title or "") != "draft",
                       -article_count(m.norm), m.path),
    )[0]
    for material in materials:
        if material is chosen:
            material.role = "draft"
        elif material.role == "draft":
            material.role = "other"


def collect_package(paths: list[str], max_bytes: int) -> Package:
    """Read every file of the package and settle its roles (sidecar first)."""
    files = [f for f in discover(paths) if f != "-"]
    if not files:
        raise PackageError(f"{package_name(paths)}: 没有找到可审核的文件（支持 .docx、.txt、.md、.pdf、.ofd、.html、.doc、.wps）")
    sidecar_path = find_sidecar(paths)
    sidecar = load_sidecar(sidecar_path) if sidecar_path else Sidecar()
    materials = [read_material(path, max_bytes) for path in files]
    explicit: set[str] = set()
    if sidecar_path is not None:
        override_roles(materials, sidecar, str(sidecar_path))
        explicit = {m.path for m in materials if m.role == "draft" and (
            m.path in sidecar.roles or Path(m.path).name in sidecar.roles)}
    if len(paths) == 1 and len(materials) == 1 and Path(paths[0]).is_file() and not explicit:
        # `doclint review 通告.txt`: a single draft is a package of one, whatever its title or shape (a 通告
        # has no 条 and a title that names no role).
        materials[0].role = "draft"
    settle_draft(materials, explicit)
    return Package(package_name(paths), materials, sidecar, str(sidecar_path) if sidecar_path else None)


# --- facts of the package ---------------------------------------------------------------------------------


def evidence_of(material: Material, reading: Reading) -> Evidence:
    source = material.source.text if material.source else ""
    return Evidence(file=material.path, text=source[reading.start:reading.end].strip(), start=reading.start,
                    end=reading.end)


def material_order(material: Material) -> int:
    return DETAIL_ORDER.get(material.role, 3)


def step_order(step: str) -> Callable[[Material], int]:
    """The material made for the step speaks first, then the explanation, the draft, the rest."""

    def order(material: Material) -> int:
        if ROLE_STEP.get(material.role) == step:
            return 0
        return {"drafting_explanation": 1, "draft": 2}.get(material.role, 3)

    return order


def combine_steps(facts: Facts, package: Package, readings: dict[str, dict[str, Reading]]) -> dict[str, object]:
    """Per step: shown anywhere → true; said skipped → false; its material present → true; else false."""
    procedure = facts.procedure.model_dump()
    readable = [m for m in package.materials if m.error is None]
    for step in STEPS:
        value: bool | None = None
        for wanted in (True, False):
            for material in sorted(readable, key=step_order(step)):
                reading = readings[material.path].get(step)
                if reading is not None and reading.value is wanted:
                    value = wanted
                    facts.evidence[step] = evidence_of(material, reading)
                    break
            if value is not None:
                break
        if value is None:
            holder = next((m for m in readable if ROLE_STEP.get(m.role) == step), None)
            if holder is not None:
                value = True
                facts.evidence[step] = Evidence(file=holder.path, text=holder.title or Path(holder.path).name)
            else:
                value = False
                facts.evidence.pop(step, None)
        procedure[step] = value
    return procedure


def combine_details(facts: Facts, package: Package, readings: dict[str, dict[str, Reading]],
                    procedure: dict[str, object]) -> None:
    """Consultation period and feedback, fair-competition conclusion, meeting: from the best-placed file."""
    for material in sorted((m for m in package.materials if m.error is None), key=material_order):
        for name, reading in readings[material.path].items():
            if name in STEPS or procedure.get(name) is not None:
                continue
            procedure[name] = reading.value
            facts.evidence[name] = evidence_of(material, reading)
    if procedure.get("public_consultation") is True and procedure.get("consultation_feedback") is None:
        # The package was searched and nothing reports the comments received or their adoption.
        procedure["consultation_feedback"] = False


def apply_sidecar(facts: Facts, procedure: dict[str, object], sidecar: Sidecar, where: str) -> None:
    """What the office states in doclint.yaml wins over what the documents are read to say."""

    def note(name: str, text: str) -> None:
        facts.evidence[name] = Evidence(file=where, text=text)

    if sidecar.procedure is not None:
        for step, value in sidecar.procedure.model_dump(exclude_none=True).items():
            procedure[step] = value
            note(step, f"procedure.{step}: {str(value).lower()}")
    consultation = sidecar.consultation
    if consultation is not None:
        if consultation.held is not None:
            procedure["public_consultation"] = consultation.held
            note("public_consultation", f"consultation.held: {str(consultation.held).lower()}")
        if (consultation.from_ or consultation.to or consultation.days) and consultation.held is not False:
            # A stated period means the consultation was held.
            procedure["public_consultation"] = True
        if consultation.from_ and consultation.to:
            procedure["consultation_from"] = consultation.from_.isoformat()
            procedure["consultation_to"] = consultation.to.isoformat()
            procedure["consultation_days"] = (consultation.to - consultation.from_).days + 1
            note("consultation_days", f"consultation: from {consultation.from_} to {consultation.to}")
        if consultation.days is not None:
            procedure["consultation_days"] = consultation.days
            note("consultation_days", f"consultation.days: {consultation.days}")
        if consultation.comments is not None:
            procedure["consultation_comments"] = consultation.comments
            procedure["consultation_feedback"] = True
            note("consultation_comments", f"consultation.comments: {consultation.comments}")
        if consultation.adopted is not None:
            procedure["consultation_adopted"] = consultation.adopted
            procedure["consultation_feedback"] = True
            note("consultation_adopted", f"consultation.adopted: {consultation.adopted}")
        if consultation.shortened_reason:
            procedure["consultation_shortened_reason"] = True
            note("consultation_shortened_reason", consultation.shortened_reason)
    deliberation = sidecar.deliberation
    if deliberation is not None:
        if deliberation.held is not None:
            procedure["collective_deliberation"] = deliberation.held
            note("collective_deliberation", f"deliberation.held: {str(deliberation.held).lower()}")
        if deliberation.meeting:
            procedure["collective_deliberation"] = True
            procedure["deliberation_meeting"] = deliberation.meeting
            note("deliberation_meeting", deliberation.meeting)
        if deliberation.date:
            procedure["deliberation_date"] = deliberation.date.isoformat()
    if sidecar.publication_date is not None:
        facts.publication_date = sidecar.publication_date.isoformat()
        note("publication_date", f"publication_date: {facts.publication_date}")


DRAFTING_UNIT = "drafting_unit"
NORMATIVE_MEASURES = "normative_measures"
DRAFTING_RULES = "drafting_rules"
# 送审函 / 请示: the letter that submits the draft, signed by the drafting unit.
SUBMISSION_RE = re.compile(r"提请[^。\n]{0,10}?(?:审核|审查)|送审的?(?:函|请示)|合法性审核的(?:函|请示)|审核的函|审查的函")
UNIT_LABEL_RE = re.compile(r"^\s*(?:起草单位|报送单位|送审单位)\s*[：:]\s*(\S{2,40})\s*$", re.MULTILINE)


def drafting_unit(package: Package) -> tuple[str, str] | None:
    """(name, file) of the drafting unit: the 送审函's or 起草说明's signature, else an 起草单位： label."""
    readable = [m for m in package.materials if m.error is None and m.role != "draft"]
    letters = [m for m in readable if SUBMISSION_RE.search(m.title or "") or SUBMISSION_RE.search(Path(m.path).stem)]
    explanations = [m for m in readable if m.role == "drafting_explanation"]
    for material in [*letters, *explanations]:
        name = from_signature([line.strip() for line in material.norm.splitlines() if line.strip()])
        if name:
            return name, material.path
    for material in readable:
        match = UNIT_LABEL_RE.search(material.norm)
        if match and (name := organ_names(match.group(1))):
            return name, material.path
    return None


def package_facts(draft_facts: Facts, package: Package, thresholds: Thresholds) -> Facts:
    """The draft's own facts, with procedure steps read from the whole package and the sidecar."""
    facts = draft_facts.model_copy(deep=True)
    # The draft's title tells a meeting on this draft from one that adopted another document.
    readings = {m.path: read_procedure(m.norm, facts.title) for m in package.materials if m.error is None}
    procedure = combine_steps(facts, package, readings)
    combine_details(facts, package, readings, procedure)
    apply_sidecar(facts, procedure, package.sidecar, package.sidecar_path or SIDECAR_NAME)
    facts.procedure = Procedure.model_validate(procedure)
    unit = drafting_unit(package)
    if unit is not None:
        setattr(facts, DRAFTING_UNIT, unit[0])  # an extra field (Facts allows them); the memo reads it
        facts.evidence[DRAFTING_UNIT] = Evidence(file=unit[1], text=unit[0])
    # Whatever date or 文号 it carries, the draft of a package is under review, not yet issued.
    facts.checks = derive_checks(facts, thresholds, under_review=True)
    return facts


# --- the review ---------------------------------------------------------------------------------------------


def procedure_config(config: Config, sidecar: Sidecar) -> ProcedureConfig:
    """The sidecar may pick a profile and override thresholds; explicit config thresholds still win."""
    profile = sidecar.profile or config.procedure.profile
    thresholds = {**sidecar.thresholds, **config.procedure.thresholds}
    return ProcedureConfig(profile=profile, thresholds=thresholds)


def apply_severity(findings: list[Finding], config: Config) -> None:
    for finding in findings:
        override = config.severity.get(finding.rule) or config.severity.get(finding.category)
        if override:
            finding.severity = override


def missing_roles(package: Package, facts: Facts, findings: list[Finding]) -> list[str]:
    present = {m.role for m in package.materials if m.error is None}
    procedure = facts.procedure.model_dump()
    missing = []
    for role in REQUIRED_ROLES:
        step = ROLE_STEP.get(role)
        if role not in present and not (step and procedure.get(step) is True):
            missing.append(role)
    fired = {f.name for f in findings}
    for role, rule_name in CONDITIONAL_ROLES.items():
        if role not in present and rule_name in fired:
            missing.append(role)
    return missing


def review_package(paths: list[str], config: Config, ruleset: RuleSet) -> ReviewResult:
    """Review a package; raises PackageError / ConfigError for a package that cannot be reviewed at all."""
    package = collect_package(paths, config.max_bytes)
    thresholds = resolve_thresholds(procedure_config(config, package.sidecar),
                                    package.sidecar_path or "配置")
    materials = [MaterialFile(path=m.path, role=m.role, title=m.title, error=m.error) for m in package.materials]
    result = ReviewResult(package=package.name, materials=materials)
    draft = package.draft
    if draft is None:
        unreadable = [m for m in package.materials if m.error]
        if unreadable and all(m.error for m in package.materials):
            result.draft = FileResult(path=unreadable[0].path, error=unreadable[0].error)
            return result
        raise PackageError(f"{package.name}: 送审材料中没有找到草案（送审稿）；"
                           f"请在 {SIDECAR_NAME} 的 roles 中指定，如「roles: {{草案.docx: draft}}」")
    if draft.source is None:
        result.draft = FileResult(path=draft.path, error=draft.error)
        result.missing = missing_roles(package, Facts(), [])
        return result
    content_config = config.model_copy(update={"ignore": [*config.ignore, "procedure"]})
    draft_result = lint_source(draft.source, content_config, ruleset)
    draft_result.path = draft.path
    facts = package_facts(draft_result.facts, package, thresholds)
    profile = load_profile(procedure_config(config, package.sidecar).profile)
    if profile.measures:
        setattr(facts, NORMATIVE_MEASURES, profile.measures)  # an extra field; the memo cites it for dates and validity
    if profile.drafting_rules:
        setattr(facts, DRAFTING_RULES, profile.drafting_rules)  # cited for drafting-practice findings
    doc = Document.from_source(draft.source, config.doc_type)
    doc.facts = facts.model_dump(mode="json")
    procedure_rules = [c for c in selected_rules(ruleset, config) if c.rule.category == "procedure"]
    procedure_findings = run_rules(doc, ruleset, procedure_rules)
    apply_severity(procedure_findings, config)
    findings = sorted([*draft_result.findings, *procedure_findings], key=lambda f: (f.start, f.end, f.rule))
    result.draft = FileResult(path=draft.path, doc_type=draft_result.doc_type, facts=facts, findings=findings)
    result.draft_text = draft.source.text
    result.missing = missing_roles(package, facts, procedure_findings)
    return result
