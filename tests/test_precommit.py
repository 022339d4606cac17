"""The pre-commit hook, run by the real `pre-commit` tool: a draft with an unlawful fine cannot be committed.

The temporary repository names this checkout as a hook repository (`repo: <checkout>`, `rev: HEAD`), so
pre-commit clones it and pip-installs doclint into an isolated environment, exactly as a user's setup does.
That install needs the package index (pre-commit's own install, the one network use a test may make; it
took about 20 s here) and sees only committed files: uncommitted edits to the hook are not tested.
PRE_COMMIT_HOME lives in a temporary folder shared by the tests of this module, so the install happens once.
Skipped when `pre-commit` or `git` is missing, or when this checkout is not a git repository (an sdist).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
# Generous ceiling so a broken index connection fails the test instead of hanging it; not a timing check.
INSTALL_TIMEOUT = 900

BAD_DRAFT = "某县农贸市场管理办法\n\n第一条 为了规范农贸市场秩序，制定本办法。\n第二条 违反本办法规定的，由县市场监督管理局处二百元罚款。\n"
CLEAN_DRAFT = "第一条 违反本办法规定的，依照《中华人民共和国治安管理处罚法》第三十条的规定处罚。\n"


def checkout_head() -> str | None:
    if shutil.which("git") is None:
        return None
    found = subprocess.run(["git", "-C", str(CHECKOUT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


HEAD = checkout_head()
pytestmark = [
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(HEAD is None, reason="this checkout is not a git repository"),
]


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["PRE_COMMIT_COLOR"] = "never"
    yield env


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env,
                          timeout=INSTALL_TIMEOUT, check=False)


@pytest.fixture
def drafts_repo(tmp_path: Path, hook_env: dict[str, str]) -> Path:
    repo = tmp_path / "drafts"
    repo.mkdir()
    for args in (("init", "-q"), ("config", "user.name", "起草人"), ("config", "user.email", "drafter@example.gov.cn"),
                 ("config", "commit.gpgsign", "false")):
        assert git(repo, *args, env=hook_env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        # Only PEN001, so that rules added later cannot make the clean draft fail.
        f"repos:\n  - repo: {CHECKOUT.as_posix()}\n    rev: {HEAD}\n    hooks:\n      - id: doclint\n"
        "        args: [--select, PEN001]\n",
        encoding="utf-8",
    )
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, text=True, env=hook_env,
                               timeout=INSTALL_TIMEOUT, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert git(repo, "add", ".pre-commit-config.yaml", env=hook_env).returncode == 0
    return repo


def commit(repo: Path, name: str, text: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(text, encoding="utf-8")
    assert git(repo, "add", name, env=env).returncode == 0
    return git(repo, "commit", "-m", f"添加 {name}", env=env)


def test_a_draft_with_an_unlawful_fine_blocks_the_commit(drafts_repo: Path, hook_env: dict[str, str]) -> None:
    result = commit(drafts_repo, "办法草案.txt", BAD_DRAFT, hook_env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "办法草案.txt:4:23: PEN001" in output
    assert git(drafts_repo, "rev-parse", "--verify", "HEAD", env=hook_env).returncode != 0  # nothing committed


def test_a_clean_draft_is_committed(drafts_repo: Path, hook_env: dict[str, str]) -> None:
    result = commit(drafts_repo, "clean.txt", CLEAN_DRAFT, hook_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "doclint" in output and "Passed" in output
    assert git(drafts_repo, "rev-parse", "--verify", "HEAD", env=hook_env).returncode == 0
