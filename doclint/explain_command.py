"""`doclint explain`: the clause reading of a line (or of a sentence on stdin) and what every rule saw there."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from doclint.errors import DoclintError, ReadError

if TYPE_CHECKING:
    from doclint.explain import SentenceExplanation

ORDER = ("fired", "covered", "unless", "no-match", "gate", "doc-type")


def explain_command(
    path: Annotated[str, typer.Argument(help="文件路径；- 表示从标准输入读入一句或一段条文")],
    line: Annotated[int | None, typer.Option("--line", "-l", min=1, help="只解释这一行的句子（行号从 1 起）")] = None,
    rule: Annotated[list[str] | None, typer.Option("--rule", "-r", help="只看这些规则（编号、前缀、类别或名称）")] = None,
    everything: Annotated[bool, typer.Option("--all", help="也列出预筛未放行、不适用于此文件类型的规则")] = False,
    doc_type: Annotated[str | None, typer.Option("--doc-type", help="按此文件类型解释（默认自动识别）")] = None,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="另加载本单位的规则包目录")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text 或 json")] = "text",
) -> None:
    """解释为什么某句被（或没有被）标记：条款读法，以及每条规则在该句上的判断过程。"""
    # Imported when the command runs: registering it must not cost every `doclint check` the explain machinery.
    from doclint.configfile import resolve_config
    from doclint.document import Document
    from doclint.engine.ruleset import load_rules
    from doclint.explain import as_json, explain
    from doclint.lint import compute_facts, selected_rules
    from doclint.readers import read_path

    try:
        folder = Path.cwd() if path == "-" else Path(path).resolve().parent
        config = resolve_config(folder, {}).config
        if doc_type:
            config.doc_type = doc_type  # type: ignore[assignment]
        ruleset = load_rules(tuple(config.rule_dirs) + tuple(rules_dir or ()))
        source = read_path(path, config.max_bytes)
    except ReadError as exc:
        _fail(str(exc), 2)
    except DoclintError as exc:
        _fail(str(exc), exc.exit_code)
    doc = Document.from_source(source, config.doc_type)
    compute_facts(doc, config)
    chosen = selected_rules(ruleset, config, doc.name)
    if rule:
        chosen = [c for c in chosen if c in ruleset.select(list(rule), [])]
        if not chosen:
            _fail(f"没有与「{'、'.join(rule)}」对应的规则", 3)
    explanations = explain(doc, ruleset, chosen, line, everything)
    if line is not None and not explanations:
        _fail(f"{source.name}: 第 {line} 行没有可解释的句子", 2)
    if output_format == "json":
        typer.echo(as_json(explanations))
    else:
        render(explanations, source.name, doc.doc_type)


def _fail(message: str, code: int) -> typer.Exit:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True).print(Text(f"doclint: {message}"))
    raise typer.Exit(code)


def render(explanations: "list[SentenceExplanation]", name: str, doc_type: str) -> None:
    from rich.console import Console
    from rich.text import Text

    from doclint.explain import STATUS_ZH

    console = Console(highlight=False)
    console.print(Text(f"{name}（文件类型：{doc_type}）", style="bold"))
    for item in explanations:
        console.print()
        console.print(Text(f"第 {item.line} 行：{item.text}", style="bold"))
        reading = item.reading
        rows = [
            ("约束对象", "；".join(f"{b['词']}→{b['约束']}{'（' + b['主体'] + '）' if b['主体'] else ''}"
                                 for b in reading.bound) or "—"),
            ("情态", "、".join(reading.modality)),
            ("前置条件", "；".join(reading.preconditions) or "—"),
            ("不利后果", "；".join(f"{c['类']}「{c['原文']}」" for c in reading.consequences) or "—"),
            ("所回应的", "；".join(f"{c['类']}「{c['原文']}」" for c in reading.upon) or "—"),
            ("偏向或排斥", "；".join(f"{c['类']}「{c['原文']}」" for c in reading.favours) or "—"),
            ("依据", reading.basis),
            ("语态", "本文件的规定" if reading.voice == "own" else "转述、报告他人的规定或情况"),
        ]
        console.print(Text("  条款读法", style="underline"))
        for label, value in rows:
            console.print(Text(f"    {label}：{value}"))
        console.print(Text("  规则", style="underline"))
        if not item.traces:
            console.print(Text("    （没有规则的关键词出现在本句；用 --all 查看全部规则）"))
        for trace in sorted(item.traces, key=lambda t: (ORDER.index(t.status), t.rule)):
            line = f"    {STATUS_ZH[trace.status]}  {trace.rule} {trace.name}"
            if trace.detail:
                line += f"  {trace.detail}"
            console.print(Text(line, style="green" if trace.status == "fired" else ""))
