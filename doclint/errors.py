"""Exceptions that the CLI turns into clear messages and exit codes."""

from __future__ import annotations


class DoclintError(Exception):
    """Base class; `exit_code` follows DESIGN.md (2 input, 3 rules/config)."""

    exit_code = 2


class ReadError(DoclintError):
    """A file could not be read as a document. The message names the file."""

    exit_code = 2


class RuleError(DoclintError):
    """A rule pack is invalid. The message names the file and the rule id."""

    exit_code = 3


class ConfigError(DoclintError):
    """A configuration file or sidecar is invalid."""

    exit_code = 3
