"""The README's Python example runs as written, and its quick start names commands that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
    assert len(bash) == 3
    assert "python3 -m venv" in bash[0]
    for sample in re.findall(r"samples/[\w.-]+", bash[1]):
        assert (REPO / sample).exists(), sample
    assert "pytest" in bash[2]
    assert bash[2].strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("python3") is None or sys.platform == "win32", reason="needs python3 and bash")
def test_the_set_up_line_gives_a_python_where_only_python3_exists(tmp_path: Path) -> None:
    """The first block makes and activates a venv; after it `python` and pip are that venv's."""
    block = re.findall(r"```bash\n(.*?)```", README.split("## 快速开始", 1)[1], re.S)[0].strip()
    # A PATH holding python3 alone, as on a bare Debian: no `python` until the venv provides one.
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(Path(shutil.which("python3") or "python3").resolve())
    env = {"PATH": f"{bare}:/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", "-c", f"{block} && command -v python && python -m pip --version"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / ".venv" / "bin" / "python") in done.stdout


def test_commands_in_the_readme_exist() -> None:
    from typer.testing import CliRunner

    from doclint.cli import app

    for command in sorted(set(re.findall(r"`doclint (\w+)", README))):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, f"doclint {command} is in the README but does not exist"


def test_the_pre_commit_rev_is_the_release_tag_of_this_version() -> None:
    import tomllib

    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    section = README.split("## pre-commit", 1)[1].split("\n## ", 1)[0]
    revs = re.findall(r"rev: (\S+)", section)
    assert revs == [f"v{version}"]
