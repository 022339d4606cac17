"""The pipeline end to end: read → normalise → structure → facts → rules → FileResult."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from doclint.checks.suppression import SUPPRESSIONS_KEY
from doclint.config import Config
from doclint.configfile import ignored_for
from doclint.document import Document
from doclint.engine.ruleset import CompiledRule, RuleSet, load_rules
from doclint.engine.runner import TimeoutReporter, run_rules
from doclint.errors import DoclintError
from doclint.facts.procedure import text_facts
from doclint.model import Facts, FileResult, assemble
from doclint.readers import SourceDocument, read_bytes, read_path
from doclint.review.profiles import resolve_thresholds
from doclint.suppress import apply_suppressions, find_suppressions


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The configuration of a call that passes none. Built once: a Config validates its nested models, a
    visible cost per document of a batch through lint_text. Read, never modified, by the pipeline."""
    return Config()


def ruleset_for(config: Config) -> RuleSet:
    """The bundled packs plus the configured rule directories (compiled once per process)."""
    return load_rules(tuple(config.rule_dirs))


def selected_rules(ruleset: RuleSet, config: Config, path: str | None = None) -> list[CompiledRule]:
    """`select` (plus `extend-select`) narrows, `ignore` and matching `per-file-ignores` remove."""
    select = config.select + config.extend_select if config.select else []
    ignore = list(config.ignore)
    if path is not None:
        ignore += ignored_for(config, path)
    return ruleset.select(select, ignore)


def compute_facts(doc: Document, config: Config | None = None) -> Facts:
    """Facts the draft shows by its own words, procedure evidence included; what it is silent on stays null."""
    structure = doc.structure
    thresholds = resolve_thresholds((config or default_config()).procedure)
    base = Facts(title=structure.title, doc_number=structure.doc_number)
    facts = text_facts(doc.name, doc.source, doc.norm, structure.title, thresholds, base)
    doc.facts = facts.model_dump(mode="json")
    return facts


def _report_timeout(doc: Document) -> TimeoutReporter:
    def report(compiled: CompiledRule, pattern: str) -> None:
        print(f"doclint: {doc.name}: 规则 {compiled.rule.id} 的正则表达式超时，已跳过该规则", file=sys.stderr)

    return report


def lint_document(doc: Document, config: Config | None = None, ruleset: RuleSet | None = None) -> FileResult:
    """Facts, then the selected rules, then suppressions and severity overrides: one file's result."""
    config = config or default_config()
    ruleset = ruleset or ruleset_for(config)
    facts = compute_facts(doc, config)
    rules = selected_rules(ruleset, config, doc.name)
    content_rules, suppression_rules = ruleset.split_suppression(rules)
    findings = run_rules(doc, ruleset, content_rules, on_timeout=_report_timeout(doc))
    directives = find_suppressions(doc)
    findings = apply_suppressions(findings, directives, ruleset)
    if directives:
        # Suppression rules run last: whether a directive was used is only known now. They speak only
        # about directives, so a text without any (nearly all) skips the pass.
        doc.cache[SUPPRESSIONS_KEY] = directives
        findings += run_rules(doc, ruleset, suppression_rules)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    if config.severity:
        for finding in findings:
            override = config.severity.get(finding.rule) or config.severity.get(finding.category)
            if override:
                finding.severity = override
    # Every part is already a validated model or built with its declared type: no second validation.
    return assemble(FileResult, path=doc.name, error=None, doc_type=doc.doc_type, facts=facts, findings=findings)


def lint_source(source: SourceDocument, config: Config | None = None, ruleset: RuleSet | None = None) -> FileResult:
    """Lint what a reader produced (the text model is built here, with the configured doc type)."""
    config = config or default_config()
    return lint_document(Document.from_source(source, config.doc_type), config, ruleset)


def lint_text(text: str, name: str = "<text>", config: Config | None = None) -> FileResult:
    """Lint a string as if it were the extracted text of a file."""
    return lint_source(SourceDocument(name=name, text=text, format="text"), config)


def lint_bytes(data: bytes, name: str, config: Config | None = None) -> FileResult:
    """Pure and picklable: the entry point for process pools and distributed maps."""
    config = config or default_config()
    try:
        source = read_bytes(data, name, config.max_bytes)
    except DoclintError as exc:
        return FileResult(path=name, error=str(exc))
    return lint_source(source, config)


def lint_file(path: str | Path, config: Config | None = None) -> FileResult:
    """Read and lint one file; an unreadable file gives a result with `error` set, never an exception."""
    config = config or default_config()
    try:
        source = read_path(path, config.max_bytes)
    except DoclintError as exc:
        return FileResult(path=str(path), error=str(exc))
    return lint_source(source, config)
