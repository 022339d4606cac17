"""`doclint annotate`: the command; the commenting itself is in annotate.py, imported when the command runs."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

from pathlib import Path
from typing import Annotated

import typer

from doclint.errors import DoclintError, ReadError


def annotate(
    path: Annotated[Path, typer.Argument(help="送审稿 .docx（只读，不会被修改）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="带批注的副本（.docx）")],
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（编号、前缀、类别或名称）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则")] = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="达到此级别的问题使退出码为 1：error|warning|info|never（默认 error）")] = None,
    doc_type: Annotated[str | None, typer.Option("--doc-type", help="指定文件类型，覆盖自动识别")] = None,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录（本单位规则包）")] = None,
) -> None:
    """生成带批注的草案副本：每个问题一条 Word 批注，标在命中的文字上。"""
    # Imported when the command runs: registering it must not cost every `doclint check` the .docx machinery.
    from doclint.annotate import annotate_file, same_file
    from doclint.cliutil import check_output, configs_for, exit_code_for, fail, rules_for, stdout_console
    from doclint.engine.selection import split_selectors

    # The same configuration as `check`: doclint.toml found from the draft's folder, options on top.
    overrides: dict[str, object] = {
        "select": split_selectors(select) if select else None,
        "ignore": split_selectors(ignore) if ignore else None,
        "doc-type": doc_type,
        "fail-on": fail_on,
    }
    resolved = configs_for([str(path)], overrides, list(rules_dir or []))[str(path)]
    config = resolved.config
    rules_for(resolved)  # a mistyped selector is exit 3, not a copy with no comments
    if output.suffix.lower() == ".docx" and not same_file(path, output):
        check_output(output, force=force, what="批注稿")  # annotate_file words the other refusals
    try:
        result, count = annotate_file(path, output, config, force=force)
    except ReadError as exc:
        raise fail(str(exc), 2) from None
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    from rich.text import Text

    from doclint.display import display_path

    stdout_console().print(Text(f"{display_path(output)}: 已写入 {count} 条批注"
                                f"（{display_path(path)} 共 {len(result.findings)} 个问题）"))
    raise typer.Exit(exit_code_for([result], config.fail_on))
