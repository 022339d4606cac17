"""Value types of command-line options shared by the commands (check, review, batch, annotate)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


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


# The options every linting command shares, declared once so check, review, batch and annotate say the same.
FailOnOption = Annotated[
    FailOn | None, typer.Option("--fail-on", help="达到此级别的问题使退出码为 1（默认 error，可在配置文件中设定）")
]
SelectOption = Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（编号、前缀、类别或名称）")]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则")]
DocTypeOpt = Annotated[DocTypeOption | None, typer.Option("--doc-type", help="指定文件类型，覆盖自动识别")]
RulesDirOption = Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录（本单位规则包）")]
