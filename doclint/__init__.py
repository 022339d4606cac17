"""doclint: a declarative legality linter for draft administrative normative documents (行政规范性文件)."""

from __future__ import annotations

from doclint.config import Config
from doclint.engine.ruleset import RuleSet, load_rules
from doclint.lint import lint_bytes, lint_file, lint_text
from doclint.model import FileResult, Finding, Report

__version__ = "0.1.0"

__all__ = [
    "Config",
    "FileResult",
    "Finding",
    "Report",
    "RuleSet",
    "__version__",
    "lint_bytes",
    "lint_file",
    "lint_text",
    "load_rules",
]
