"""`doclint review PATH...`: review a submission package (送审材料) and optionally write the memo."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from doclint.config import ProcedureConfig
from doclint.errors import DoclintError
from doclint.model import ReviewResult
from doclint.options import (
    DocTypeOption,
    FailOnOption,
    IgnoreOption,
    RulesDirOption,
    SelectOption,
)


class ReviewFormat(StrEnum):
    text = "text"
    json = "json"


def review_json(review: ReviewResult) -> dict[str, Any]:
    """The ReviewResult as JSON; the draft is a JSON v1 file entry (no null page in locations)."""
    data = review.model_dump(mode="json")
    draft = data.get("draft") or {}
    for finding in draft.get("findings", []):
        if finding["location"].get("page") is None:
            finding["location"].pop("page", None)
    return data


def review_exit_code(review: ReviewResult, fail_on: str) -> int:
    from doclint.cliutil import exit_code_for

    if any(material.error for material in review.materials):
        return 2
    return exit_code_for([review.draft] if review.draft else [], fail_on)


def review(
    paths: Annotated[list[str], typer.Argument(help="送审材料目录，或草案及其说明材料等多个文件")],
    output_format: Annotated[ReviewFormat, typer.Option("--format", help="输出格式")] = ReviewFormat.text,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    doc_type: Annotated[DocTypeOption | None, typer.Option("--doc-type", help="指定草案类型，覆盖自动识别")] = None,
    rules_dir: RulesDirOption = None,
    profile: Annotated[str | None, typer.Option("--profile", help="程序要求配置方案：national（默认）、zhejiang…")] = None,
    memo: Annotated[Path | None, typer.Option("--memo", help="写出合法性审核意见书（.docx/.md/.html）")] = None,
    memo_template: Annotated[Path | None, typer.Option("--memo-template", help="意见书模板")] = None,
    force: Annotated[bool, typer.Option("--force", help="意见书文件已存在时覆盖")] = False,
    memo_date: Annotated[str | None, typer.Option(
        "--memo-date", help="意见书落款日期 YYYY-MM-DD（默认今天；固定日期便于复现）")] = None,
) -> None:
    """审核送审材料：材料清单、程序事实（征求意见、公平竞争审查、集体审议…）和草案的问题条款。"""
    from doclint.cliutil import check_output, configs_for, fail, rules_for, stdout_console
    from doclint.engine.selection import split_selectors
    from doclint.review.package import review_package

    overrides: dict[str, object] = {
        "select": split_selectors(select) if select else None,
        "ignore": split_selectors(ignore) if ignore else None,
        "doc-type": doc_type.value if doc_type else None,
        "fail-on": fail_on.value if fail_on else None,
    }
    # The package folder's doclint.toml (or one above it) applies, as for `check`.
    resolved = configs_for(paths[:1], overrides, list(rules_dir or []))[paths[0]]
    config = resolved.config
    if profile:
        config.procedure = ProcedureConfig(profile=profile, thresholds=config.procedure.thresholds)
    try:
        signed_on = dt.date.fromisoformat(memo_date) if memo_date else None
    except ValueError:
        raise fail(f"--memo-date 应为 YYYY-MM-DD 格式的日期：{memo_date}", 2) from None
    ruleset = rules_for(resolved)
    if memo is not None:
        # The memo's format and target are checked before the review, not after it.
        from doclint.memo import memo_format

        try:
            memo_format(memo)
        except DoclintError as exc:
            raise fail(str(exc), exc.exit_code) from None
        check_output(memo, force=force, what="意见书")
    try:
        result = review_package(paths, config, ruleset)
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if output_format is ReviewFormat.json:
        from doclint.display import json_safe

        sys.stdout.write(json_safe(json.dumps(review_json(result), ensure_ascii=False, indent=2)) + "\n")
    else:
        from doclint.review.render import render_review

        render_review(stdout_console(), result)
    if memo is not None:
        from doclint.memo import write_memo

        try:
            write_memo(result, memo, template=memo_template, ruleset=ruleset, force=force, date=signed_on)
        except DoclintError as exc:
            raise fail(str(exc), exc.exit_code) from None
        if output_format is ReviewFormat.text:
            from rich.text import Text

            from doclint.display import display_path

            stdout_console().print(Text(f"已写出合法性审核意见书：{display_path(memo)}"))
    raise typer.Exit(review_exit_code(result, config.fail_on))


def register(app: typer.Typer) -> None:
    app.command("review")(review)
