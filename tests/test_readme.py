"""The README's Python example runs as written, and its quick start names commands that exist."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_python_api_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        exec(compile(block.group(1), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "PEN001" in out
    assert "条规则" in out


def test_quick_start_commands_point_at_existing_samples() -> None:
    quick_start = README.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    bash = re.findall(r"```bash\n(.*?)```", quick_start, re.S)
    assert len(bash) == 2
    for sample in re.findall(r"samples/[\w.-]+", bash[0]):
        assert (REPO / sample).exists(), sample
    assert "pytest" in bash[1]
    assert bash[1].strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_commands_in_the_readme_exist() -> None:
    from typer.testing import CliRunner

    from doclint.cli import app

    for command in sorted(set(re.findall(r"`doclint (\w+)", README))):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, f"doclint {command} is in the README but does not exist"
