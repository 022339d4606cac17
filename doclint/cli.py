"""The `doclint` command line: check, extract and the rules catalogue."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from doclint import __version__
from doclint.cliutil import (
    cli_overrides,
    configs_for,
    exit_code_for,
    fail,
    load_or_exit,
    report_warnings,
    rules_for,
    stderr_console,
    stdout_console,
)
from doclint.config import Config
from doclint.deadline import DEFAULT_TIMEOUT_S, FileTimeout, time_limit
from doclint.display import display_path, display_text, json_safe, results_for_display
from doclint.engine.compiled import RuleSet
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.engine.selection import describe_unknown, nearest_hint, split_selectors, unknown_selectors
from doclint.errors import DoclintError, ReadError
from doclint.lint import lint_source
from doclint.model import FileResult, Report
from doclint.options import (
    DocTypeOpt,
    FailOnOption,
    IgnoreOption,
    ListFormat,
    RulesDirOption,
    SelectOption,
)
from doclint.readers import SourceDocument, read_path

app = typer.Typer(
    name="doclint",
    help="行政规范性文件合法性审核工具：检查越权设定许可、处罚、强制、收费和增加义务等问题。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="规则目录：列出、查看和测试规则。", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    concise = "concise"


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"doclint {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="显示版本号")
    ] = False,
) -> None:
    """doclint：行政规范性文件合法性审核（lint）工具。"""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="文件或目录（目录递归查找 .docx/.txt/.md/.pdf/.ofd/.html/.doc/.wps）；- 表示标准输入")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="输出格式")] = OutputFormat.text,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    doc_type: DocTypeOpt = None,
    rules_dir: RulesDirOption = None,
    config_file: Annotated[str | None, typer.Option(
        "--config", help="使用此配置文件（默认从被检查文件所在目录向上查找 doclint.toml 或 pyproject.toml）")] = None,
    baseline: Annotated[str | None, typer.Option(
        "--baseline", help="基线文件：只报告基线中没有的问题（按指纹匹配，不受行号变化影响），退出码也只看这些问题")] = None,
    write_baseline: Annotated[str | None, typer.Option(
        "--write-baseline", help="把当前全部问题写入基线文件后以 0 退出（有文件无法读取时为 2）。已有的基线文件会被更新；"
        "若该路径是其他文件（如草案）或本次检查的输入，则拒绝覆盖")] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="单个文件的检查时限（秒），超时即放弃该文件并报错，其余文件照常检查")] = DEFAULT_TIMEOUT_S,
) -> None:
    """检查草案，列出问题条款。"""
    from doclint.discovery import discover

    files = discover(paths)
    if not files:
        raise fail("没有找到可检查的文件（支持 .docx、.txt、.md、.pdf、.ofd、.html、.doc、.wps）", 2)
    overrides = cli_overrides(select, ignore, doc_type, fail_on)
    configs = configs_for(files, overrides, list(rules_dir or []), config_file)
    # Every configuration's selectors are checked before any file is read: a mistyped code is exit 3, not
    # a silent run of no rule.
    rulesets = {id(resolved): rules_for(resolved) for resolved in configs.values()}
    ruleset = rulesets[id(configs[files[0]])]
    known = None
    if baseline or write_baseline:
        # Only then: the baseline module and its models cost a plain check a few milliseconds.
        from doclint import baseline as baselines

        try:
            known = baselines.load_baseline(baseline) if baseline else None
            if write_baseline:
                baselines.check_baseline_target(write_baseline, files)
        except DoclintError as exc:
            raise fail(str(exc), exc.exit_code) from None
    results: list[FileResult] = []
    sources: dict[str, str] = {}
    for path in files:
        config = configs[path].config
        try:
            with time_limit(timeout):
                outcome = _check_one(path, config, rulesets[id(configs[path])])
        except FileTimeout:
            outcome = FileResult(path=path, error=f"{path}: 检查超过时限 {timeout:g} 秒，已放弃该文件"
                                                  "（可用 --timeout 调整）")
        if isinstance(outcome, FileResult):
            results.append(outcome)
            continue
        result, source = outcome
        result.path = path if path != "-" else "<stdin>"
        sources[result.path] = source.text
        results.append(result)
    if write_baseline:
        try:
            recorded = baselines.write_baseline(results, write_baseline, overwrite=True)
        except DoclintError as exc:
            raise fail(str(exc), exc.exit_code) from None
        from rich.text import Text

        unreadable = [result.error for result in results if result.error]
        for error in unreadable:
            stderr_console().print(Text(f"doclint: {display_text(error)}（未计入基线）"))
        stderr_console().print(Text(f"doclint: 已将 {recorded} 个问题写入基线 {display_path(write_baseline)}"))
        raise typer.Exit(2 if unreadable else 0)
    if known is not None:
        results = baselines.filter_new(results, known)
    # JSON and SARIF keep each path losslessly (JSON escapes, percent-encoded bytes); the formats a person or a
    # line-based tool reads get printable, escaped paths, so no file name can forge a line or clear the screen.
    shown, shown_sources = results_for_display(results, sources)
    if output_format is OutputFormat.json:
        report = Report.build(results, __version__, ruleset.hash)
        sys.stdout.write(json_safe(json.dumps(report.as_json_dict(), ensure_ascii=False, indent=2)) + "\n")
    elif output_format is OutputFormat.text:
        from doclint.report.text import render_results

        render_results(stdout_console(), shown, shown_sources)
    elif output_format is OutputFormat.sarif:
        from doclint.report import sarif

        sys.stdout.write(json_safe(sarif.render_sarif(results, ruleset)))
    else:
        from doclint.report import concise, github, junit

        render = {OutputFormat.github: github.render_github, OutputFormat.junit: junit.render_junit,
                  OutputFormat.concise: concise.render_concise}
        sys.stdout.write(render[output_format](shown, ruleset))
    fail_levels = {("<stdin>" if path == "-" else path): configs[path].config.fail_on for path in files}
    raise typer.Exit(max((exit_code_for([r], fail_levels.get(r.path, "error")) for r in results), default=0))


def _check_one(path: str, config: Config, ruleset: RuleSet) -> FileResult | tuple[FileResult, SourceDocument]:
    """Read and lint one file; an unreadable file (or one that trips a bug) is a FileResult with its error."""
    try:
        source = read_path(path, config.max_bytes)
    except ReadError as exc:
        return FileResult(path=path, error=str(exc))
    report_warnings(source.name, source.warnings)
    try:
        return lint_source(source, config, ruleset), source
    except (typer.Exit, DoclintError):
        raise
    except Exception as exc:  # one document that trips a bug must not stop the others or print a traceback
        return FileResult(path=path, error=f"{path}: 处理时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题")


@app.command()
def config(
    path: Annotated[str, typer.Argument(help="从此文件或目录向上查找配置文件")] = ".",
    output_format: Annotated[ListFormat, typer.Option("--format", help="输出格式")] = ListFormat.text,
) -> None:
    """显示生效的配置，以及每一项来自默认值、配置文件还是命令行。"""
    from pathlib import Path

    from doclint.configfile import resolve_config

    try:
        resolved = resolve_config(Path(path).resolve())
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    values = resolved.config.model_dump(mode="json", by_alias=True)
    if output_format is ListFormat.json:
        payload = {"config_file": str(resolved.path) if resolved.path else None,
                   "values": {key: {"value": value, "source": resolved.sources.get(key)}
                              for key, value in values.items()}}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    console = stdout_console()
    console.print(f"配置文件：{resolved.path or '（未找到，使用默认值）'}")
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("配置项", "值", "来源"):
        table.add_column(column)
    for key, value in values.items():
        table.add_row(key, json.dumps(value, ensure_ascii=False), resolved.sources.get(key, ""))
    console.print(table)


@app.command()
def extract(path: Annotated[str, typer.Argument(help="文件路径；- 表示标准输入")]) -> None:
    """打印提取出的文本：所有偏移量（start/end）都以它为准。"""
    try:
        source = read_path(path)
    except ReadError as exc:
        raise fail(str(exc), 2) from None
    report_warnings(source.name, source.warnings)
    sys.stdout.write(source.text)
    if source.text and not source.text.endswith("\n"):
        sys.stdout.write("\n")


@rules_app.command("list")
def rules_list(
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", help="输出格式")] = ListFormat.text,
) -> None:
    """列出全部规则。"""
    ruleset = load_or_exit(list(rules_dir or []))
    if output_format is ListFormat.json:
        rows = [
            {"id": c.rule.id, "name": c.rule.name, "category": c.rule.category, "severity": c.rule.severity,
             "what": c.rule.what}
            for c in ruleset.rules
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"doclint 规则目录（共 {len(ruleset.rules)} 条）", show_lines=False)
    for column in ("编号", "名称", "类别", "级别", "检查内容"):
        table.add_column(column)
    for compiled in ruleset.rules:
        rule = compiled.rule
        table.add_row(rule.id, rule.name, CATEGORY_NAMES_ZH.get(rule.category, rule.category), rule.severity,
                      rule.what)
    stdout_console().print(table)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="规则编号或名称，如 PEN001")],
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录")] = None,
) -> None:
    """显示一条规则的说明：检查什么、为什么（依据）、示例、怎么改。"""
    from doclint.report.ruledoc import rule_markdown

    ruleset = load_or_exit(list(rules_dir or []))
    wanted = rule_id.strip().casefold()
    for compiled in ruleset.rules:
        rule = compiled.rule
        if wanted in (rule.id.casefold(), rule.name.casefold(), *(alias.casefold() for alias in rule.aliases)):
            from rich.markdown import Markdown

            console = stdout_console()
            if console.is_terminal:
                console.print(Markdown(rule_markdown(rule)))
            else:
                sys.stdout.write(rule_markdown(rule))
            return
    raise fail(f"没有编号或名称为「{rule_id}」的规则" + nearest_hint(rule_id, [c.rule for c in ruleset.rules]), 2)


@rules_app.command("docs")
def rules_docs(
    output: Annotated[str | None, typer.Option("--output", "-o", help="写入该文件（默认打印到标准输出）")] = None,
    check: Annotated[bool, typer.Option("--check", help="只检查文件是否与规则一致，不一致时退出码为 1")] = False,
) -> None:
    """生成规则目录（docs/rules.md）。"""
    from pathlib import Path

    from doclint.report.catalogue import render_catalogue

    text = render_catalogue(load_or_exit([]))
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output)
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            raise fail(f"{target} 与规则不一致，请运行 doclint rules docs --output {target}", 1)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


@rules_app.command("test")
def rules_test(
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="只测试这些规则")] = None,
) -> None:
    """运行每条规则自带的示例：flag 示例必须命中，pass 示例不得命中。"""
    from doclint.engine.ruletest import check_rules
    from doclint.engine.selection import is_selected

    ruleset = load_or_exit(list(rules_dir or []))
    selectors = split_selectors(select)
    unknown = unknown_selectors(selectors, [c.rule for c in ruleset.rules])
    if unknown:
        raise fail("；".join(f"--select 中的{describe_unknown(value, [c.rule for c in ruleset.rules])}"
                            for value in unknown), 3)
    chosen = [c for c in ruleset.rules if is_selected(c.rule, selectors, [])]
    failures = check_rules(ruleset, chosen)
    console = stdout_console()
    examples = sum(len(c.rule.examples.flag) + len(c.rule.examples.pass_) for c in chosen)
    for failure in failures:
        from rich.text import Text

        console.print(Text(f"FAIL {failure.rule} [{failure.kind}] {failure.detail}：{failure.text}", style="red"))
    passed = examples - len(failures)
    console.print(f"{len(chosen)} 条规则，{examples} 个示例：{passed} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


def register_subcommands() -> None:
    """Command families that live in their own modules (one line each)."""
    from doclint.annotate_command import annotate
    from doclint.batch.command import register as register_batch
    from doclint.explain_command import explain_command
    from doclint.offline import register as register_bundle
    from doclint.review.command import register as register_review
    from doclint.web.command import register as register_serve

    register_batch(app)
    app.command()(annotate)
    register_review(app)
    register_serve(app)
    register_bundle(app)
    app.command("explain")(explain_command)


register_subcommands()


def main() -> None:
    app()
