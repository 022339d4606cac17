"""Helpers every command shares: consoles, error exits, configuration per file and the checked rule set.

The command modules (cli, annotate, batch.command, review.command) import from here; cli.py imports them
back only to register them, so no command module depends on cli.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from doclint.configfile import CLI_SOURCE, ResolvedConfig
from doclint.display import display_text
from doclint.engine.compiled import RuleSet
from doclint.engine.ruleset import load_rules
from doclint.engine.selection import describe_unknown, split_selectors, unknown_selectors
from doclint.errors import DoclintError
from doclint.model import SEVERITY_RANK, FileResult
from doclint.options import DocTypeOption, FailOn

if TYPE_CHECKING:
    from rich.console import Console

    from doclint.engine.schema import Rule


# rich is imported where output is drawn: a `--format json` run from pre-commit or a batch never pays for it.
def stdout_console() -> Console:
    from rich.console import Console

    # No colour codes when piped: the text must stay readable in a file or a pre-commit log.
    return Console(highlight=False, soft_wrap=True, emoji=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def fail(message: str, code: int) -> typer.Exit:
    """Print the message (each of its lines prefixed, so a list of problems reads as one) and exit."""
    from rich.text import Text

    console = stderr_console()
    for line in message.splitlines() or [""]:
        console.print(Text(display_text(f"doclint: {line}"), style="bold red"))
    return typer.Exit(code)


def report_warnings(name: str, warnings: list[str]) -> None:
    """Reader warnings (extension mismatch, mixed encodings…) go to stderr so they never mix with the report."""
    for warning in warnings:
        from rich.text import Text

        line = f"doclint: 警告：{warning}" if name in warning else f"doclint: 警告：{name}: {warning}"
        stderr_console().print(Text(display_text(line), style="yellow"))


def load_or_exit(rule_dirs: list[str]) -> RuleSet:
    try:
        return load_rules(tuple(rule_dirs))
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None


def selector_problems(resolved: ResolvedConfig, ruleset: RuleSet) -> list[str]:
    """One message per selector (in select, ignore, extend-select, per-file-ignores, severity) that names no rule.

    Each message says where the value came from: the command line or the config file.
    """
    rules = [compiled.rule for compiled in ruleset.rules]
    config = resolved.config
    problems: list[str] = []

    def where(key: str) -> str:
        source = resolved.sources.get(key, "")
        return f"命令行 --{key}" if source == CLI_SOURCE else f"{source}: {key}"

    for key, values in (("select", config.select), ("ignore", config.ignore),
                        ("extend-select", config.extend_select)):
        problems += [f"{where(key)} 中的{describe_unknown(value, rules)}" for value in unknown_selectors(values, rules)]
    for pattern, codes in config.per_file_ignores.items():
        shown = pattern.removeprefix(str(resolved.path.parent.resolve().as_posix()) + "/") if resolved.path else pattern
        problems += [f"{where('per-file-ignores')}（{shown}）中的{describe_unknown(value, rules)}"
                     for value in unknown_selectors(codes, rules)]
    problems += [f"{where('severity')} 中的{describe_unknown(key, rules, '规则编号或类别（severity 不接受前缀）')}"
                 for key in config.severity if not _names_rule_or_category(key, rules)]
    return problems


def _names_rule_or_category(key: str, rules: list[Rule]) -> bool:
    # The severity override looks a finding up by its rule code or its category, nothing looser.
    return any(key in (rule.id, rule.category) for rule in rules)


def rules_for(resolved: ResolvedConfig) -> RuleSet:
    """The rule set of a configuration, after checking that each of its selectors names some rule (exit 3)."""
    ruleset = load_or_exit(resolved.config.rule_dirs)
    problems = selector_problems(resolved, ruleset)
    if problems:
        console = stderr_console()
        from rich.text import Text

        for problem in problems[:-1]:
            console.print(Text(f"doclint: {problem}", style="bold red"))
        raise fail(problems[-1], 3)
    return ruleset


def check_output(path: Path, *, force: bool, what: str = "输出文件") -> None:
    """Before any work: refuse a target that cannot be written, and create a missing folder (saying so).

    A long review or batch must not end in「无法写入」after all its work is done.
    """
    import os

    if path.is_dir():
        raise fail(f"{path}: 是目录，不能作为{what}", 2)
    if path.exists() and not force:
        raise fail(f"{path}: 文件已存在，未覆盖（如需覆盖请加 --force）", 2)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        ancestor = next((p for p in folder.parents if p.exists()), Path("."))
        if not ancestor.is_dir():
            raise fail(f"{path}: 无法写入，{ancestor} 不是目录", 2)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail(f"{path}: 无法创建目录 {folder}（{exc.strerror or exc}）", 2) from None
        stderr_console().print(f"doclint: 已创建目录 {folder}")
    elif not folder.is_dir():
        raise fail(f"{path}: 无法写入，{folder} 不是目录", 2)
    elif not os.access(folder, os.W_OK):
        raise fail(f"{path}: 无法写入，没有目录 {folder} 的写入权限", 2)


def exit_code_for(results: list[FileResult], fail_on: str) -> int:
    if any(result.error for result in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for result in results:
        if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
            return 1
    return 0


def cli_overrides(
    select: list[str] | None, ignore: list[str] | None, doc_type: DocTypeOption | None, fail_on: FailOn | None
) -> dict[str, object]:
    """Only the options actually given on the command line; they win over the config file."""
    return {
        "select": split_selectors(select) if select else None,
        "ignore": split_selectors(ignore) if ignore else None,
        "doc-type": doc_type.value if doc_type else None,
        "fail-on": fail_on.value if fail_on else None,
    }


def config_folder(path: str) -> Path:
    """The folder whose doclint.toml applies to `path`. The file itself is not resolved: it may be a symlink
    loop or a dangling link, which gets its error entry when read, not a traceback here."""
    absolute = Path(os.path.abspath(path))
    folder = absolute if absolute.is_dir() else absolute.parent
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # a loop higher up: the folder as written still finds a config
        return folder


def configs_for(
    files: list[str], overrides: dict[str, object], extra_rule_dirs: list[str], config_file: str | None = None
) -> dict[str, ResolvedConfig]:
    """The effective configuration of each file, reading each config file once."""
    from doclint.configfile import read_explicit_config, resolve_config

    by_folder: dict[Path, ResolvedConfig] = {}
    resolved: dict[str, ResolvedConfig] = {}
    try:
        for path in files:
            folder = Path.cwd() if path == "-" else config_folder(path)
            if folder not in by_folder:
                if config_file:
                    loaded = read_explicit_config(Path(config_file), overrides)
                else:
                    loaded = resolve_config(folder, overrides)
                loaded.config.rule_dirs = loaded.config.rule_dirs + [str(Path(d).resolve()) for d in extra_rule_dirs]
                by_folder[folder] = loaded
            resolved[path] = by_folder[folder]
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    return resolved
