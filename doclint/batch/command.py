"""The `doclint batch` command: lint folders into the store, then write the report and exports from it."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from doclint.batch.modes import Mode
from doclint.config import Config
from doclint.deadline import DEFAULT_TIMEOUT_S
from doclint.errors import DoclintError
from doclint.options import (
    DocTypeOpt,
    FailOnOption,
    IgnoreOption,
    RulesDirOption,
    SelectOption,
)

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_DB = "doclint-batch.sqlite"


def _stderr() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _fail(message: str, code: int) -> typer.Exit:
    from rich.text import Text

    from doclint.display import display_text

    _stderr().print(Text(display_text(f"doclint: {message}"), style="bold red"))
    return typer.Exit(code)


def _check_outputs(outputs: list[Path | None], force: bool) -> None:
    """Refuse early, before a long run, rather than after it (a missing folder is created, and said so)."""
    from doclint.cliutil import check_output

    for output in outputs:
        if output is not None:
            check_output(output, force=force)


def batch(
    paths: Annotated[list[str] | None, typer.Argument(help="文件或目录（目录递归查找）；不给出时只从数据库生成报告和导出")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认：全部 CPU 核）")] = None,
    db: Annotated[Path, typer.Option("--db", help="结果数据库（SQLite），可中断后续跑")] = Path(DEFAULT_DB),
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="单个文件的检查时限（秒），超时即放弃该文件")] = DEFAULT_TIMEOUT_S,
    report: Annotated[Path | None, typer.Option("--report", help="写出离线 HTML 报告（含数据库中的全部文件）")] = None,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="导出每个文件一行的 CSV")] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="导出 JSON Lines（每行一个 JSON v1 文件对象）")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="导出可排序、筛选的 Excel 表格（.xlsx）")] = None,
    mode: Annotated[Mode, typer.Option(
        "--mode", help="filing：备案审查（默认，结论为无问题/建议制定机关修改/建议撤销或者纠正）；"
                       "cleanup：清理（保留/修改/废止/宣布失效）；review：草案合法性审核")] = Mode.filing,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的报告和导出文件")] = False,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    doc_type: DocTypeOpt = None,
    rules_dir: RulesDirOption = None,
) -> None:
    """批量检查大量文件（可中断续跑），结果存入数据库，并生成离线 HTML 报告和 CSV/JSONL 导出。"""

    if not paths and not (report or csv_path or jsonl or xlsx):
        raise _fail("请给出要检查的文件或目录，或用 --report/--csv/--xlsx/--jsonl 从数据库导出已有结果", 2)
    _check_outputs([report, csv_path, jsonl, xlsx], force)
    if paths and not db.parent.is_dir():
        from doclint.cliutil import check_output

        check_output(db, force=True, what="结果数据库")  # creates its folder, saying so
    from doclint.cliutil import cli_overrides, configs_for, rules_for

    # One configuration for the whole batch (its hash is stored with every row): the doclint.toml found from
    # the first path, as `check` would find it, with the command-line options on top.
    anchor = (paths or ["."])[0]
    resolved = configs_for([anchor], cli_overrides(select, ignore, doc_type, fail_on), list(rules_dir or []))[anchor]
    config = resolved.config
    rules_for(resolved)  # a mistyped selector is exit 3 before a long run, not a batch of empty results
    try:
        code = _run(paths or [], config, db, jobs or _cores(), timeout)
        _export(db, Outputs(report, csv_path, jsonl, xlsx), force, mode, tuple(config.rule_dirs))
    except DoclintError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise _fail(f"已中断；已完成的文件都已保存在 {db}，再次运行同一命令会从中断处继续", 130) from None
    raise typer.Exit(code)


def _cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _run(paths: list[str], config: Config, db: Path, jobs: int, timeout: float) -> int:
    if not paths:
        return 0
    from doclint.batch.progress import progress_bar
    from doclint.batch.run import BatchRun
    from doclint.batch.store import Store
    from doclint.discovery import discover
    from doclint.display import display_path
    from doclint.engine.ruleset import load_rules

    ruleset = load_rules(tuple(config.rule_dirs))
    files = [path for path in discover(paths) if path != "-"]
    if not files:
        raise _fail("没有找到可检查的文件（支持 .docx、.txt、.md、.pdf、.ofd、.html、.doc、.wps）", 2)
    from rich.text import Text

    console = _stderr()
    from doclint.batch.lock import batch_lock

    # One run per database: a second one on the same --db would lint every file again beside the first.
    with batch_lock(db), Store.open(db) as store, progress_bar(console) as progress:
        bar = progress.add_task("batch", total=len(files))
        run = BatchRun(store, config, ruleset.hash, min(jobs, len(files)), timeout,
                       on_file=lambda: progress.advance(bar))
        tally = run.run(files)
    worst = tally.worst
    console.print(Text(
        f"批量检查完成：共 {tally.files} 个文件，本次检查 {tally.linted} 个，未变跳过 {tally.unchanged} 个，"
        f"无法检查 {tally.failed} 个；有错误级问题 {worst['error']} 个，有警告级问题 {worst['warning']} 个，"
        f"未发现问题 {worst['none'] + worst['info']} 个（结果库 {display_path(db)}）"
    ))
    return tally.exit_code(config.fail_on)


@dataclass(frozen=True)
class Outputs:
    report: Path | None = None
    csv: Path | None = None
    jsonl: Path | None = None
    xlsx: Path | None = None


def _export(db: Path, outputs: Outputs, force: bool, mode: Mode, rule_dirs: tuple[str, ...] = ()) -> None:
    if not (outputs.report or outputs.csv or outputs.jsonl or outputs.xlsx):
        return
    from rich.text import Text

    from doclint.batch import exports
    from doclint.batch.store import Store
    from doclint.display import display_path

    console = _stderr()
    with Store.open(db, create=False) as store:
        if outputs.report:
            from doclint.batch.report import write_report

            write_report(store, outputs.report, overwrite=force, mode=mode, rule_dirs=rule_dirs)
            console.print(Text(f"已写出报告：{display_path(outputs.report)}"))
        if outputs.csv:
            exports.write_csv(store, outputs.csv, overwrite=force, mode=mode)
            console.print(Text(f"已导出 CSV：{display_path(outputs.csv)}"))
        if outputs.xlsx:
            exports.write_xlsx(store, outputs.xlsx, overwrite=force, mode=mode)
            console.print(Text(f"已导出 Excel：{display_path(outputs.xlsx)}"))
        if outputs.jsonl:
            exports.write_jsonl(store, outputs.jsonl, overwrite=force)
            console.print(Text(f"已导出 JSONL：{display_path(outputs.jsonl)}"))


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
