"""Nothing lost: an interrupted or refused write leaves the old file intact and no temp file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from doclint.atomic import OutputExistsError, OutputWriteError, atomic_write_bytes, atomic_write_text
from doclint.errors import DoclintError


def test_new_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "意见书.md"
    atomic_write_text(target, "审核意见：同意。", overwrite=False)
    assert target.read_text(encoding="utf-8") == "审核意见：同意。"
    assert os.listdir(tmp_path) == ["意见书.md"]


def test_existing_file_is_refused_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"original")
    with pytest.raises(OutputExistsError) as info:
        atomic_write_bytes(target, b"new", overwrite=False)
    assert str(target) in str(info.value)
    assert isinstance(info.value, DoclintError) and info.value.exit_code == 2
    assert target.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["draft.docx"]


def test_overwrite_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_interrupted_rename_keeps_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "baseline.json"
    target.write_bytes(b"old baseline")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputWriteError) as info:
        atomic_write_bytes(target, b"new baseline", overwrite=True)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"old baseline"
    assert os.listdir(tmp_path) == ["baseline.json"]


def test_interrupt_mid_write_keeps_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "memo.docx"
    target.write_bytes(b"old memo")

    def interrupted_fsync(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"half a memo", overwrite=True)
    assert target.read_bytes() == b"old memo"
    assert os.listdir(tmp_path) == ["memo.docx"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.md"
    with pytest.raises(OutputWriteError) as info:
        atomic_write_text(target, "x", overwrite=False)
    assert "out.md" in str(info.value)


def test_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError):
        atomic_write_text(tmp_path, "x", overwrite=True)
