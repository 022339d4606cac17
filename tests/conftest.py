"""Shared fixtures: the CLI runner and small helpers for writing drafts."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

# The suite must not write into the user's own cache (~/.cache/doclint): give it a private one.
os.environ.setdefault("DOCLINT_CACHE_DIR", tempfile.mkdtemp(prefix="doclint-test-cache-"))

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_draft(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "draft.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
