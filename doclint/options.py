"""Value types of command-line options shared by the commands (check, review, batch, annotate)."""

from __future__ import annotations

from enum import StrEnum


class FailOn(StrEnum):
    """The lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class DocTypeOption(StrEnum):
    """Document types a user can force with --doc-type."""

    normative = "normative"
    rule = "rule"
    local_regulation = "local_regulation"
    other = "other"


class ListFormat(StrEnum):
    """A table for people or JSON for programs."""

    text = "text"
    json = "json"
