"""`doclint bundle` builds an install bundle that installs with no package index and runs `doclint check`.

No network here: the bundle is built from a local wheel cache ($DOCLINT_WHEELHOUSE, default
~/.cache/doclint/wheelhouse) that `.ci/run` fills from PyPI beforehand, with pip's index switched off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from doclint.offline import PLATFORMS, project_root

WHEELHOUSE = Path(os.environ.get("DOCLINT_WHEELHOUSE", Path.home() / ".cache" / "doclint" / "wheelhouse"))
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

pytestmark = pytest.mark.skipif(not any(WHEELHOUSE.glob("hatchling-*.whl")),
                                reason=f"no local wheel cache at {WHEELHOUSE} (.ci/run fills it)")


def offline_env(tmp_path: Path) -> dict[str, str]:
    """pip with no index and no configuration of this machine: only the files we name."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update({"PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                "PIP_CACHE_DIR": str(tmp_path / "pip-cache"), "HOME": str(tmp_path / "home")})
    return env


def test_linux_bundle_installs_without_an_index_and_checks_a_draft(tmp_path: Path) -> None:
    source = project_root()
    assert source is not None, "the test runs from the source checkout"
    bundle = tmp_path / "doclint-offline"
    env = offline_env(tmp_path)
    built = subprocess.run(
        [sys.executable, "-m", "doclint", "bundle", str(bundle), "--platform", "linux", "--python", PYTHON,
         "--no-index", "--find-links", str(WHEELHOUSE)],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    names = manifest["wheels"]
    assert any(name.startswith("doclint-") for name in names)
    assert any(name.startswith("jieba-") and name.endswith("-none-any.whl") for name in names)
    assert any(name.startswith("starlette-") for name in names)  # the web extra is in the bundle
    assert (bundle / "install.sh").is_file() and not (bundle / "install.bat").exists()

    target = tmp_path / "office-pc" / "doclint"
    installed = subprocess.run(["sh", str(bundle / "install.sh"), str(target)],
                               env={**env, "PYTHON": sys.executable}, capture_output=True, text=True,
                               timeout=600, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    draft = tmp_path / "草案.txt"
    draft.write_text("溪南县共享单车停放管理办法\n第一条 为规范停放秩序，制定本办法。\n"
                     "第二条 违反本办法的，由县交通运输局处二千元罚款。\n第三条 本办法自2027年3月1日起施行。\n",
                     encoding="utf-8")
    checked = subprocess.run([str(target / "bin" / "doclint"), "check", "--format", "json", str(draft)],
                             env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert checked.returncode in (0, 1), checked.stderr
    report = json.loads(checked.stdout)
    assert report["files"][0]["error"] is None
    assert report["files"][0]["path"] == str(draft)
    # The installed copy is the bundle's, not this checkout.
    where = subprocess.run([str(target / "bin" / "python"), "-c", "import doclint; print(doclint.__file__)"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert str(target) in where.stdout


def test_bundle_scripts_name_the_wheels_folder_and_never_an_index(tmp_path: Path) -> None:
    from doclint.offline import BundleSpec, write_scripts

    spec = BundleSpec(output=tmp_path, source=tmp_path)
    write_scripts(spec)
    shell = (tmp_path / "install.sh").read_text(encoding="utf-8")
    batch = (tmp_path / "install.bat").read_bytes().decode("gbk")
    for script in (shell, batch):
        assert "--no-index --find-links" in script
        assert "doclint[web]==" in script
        assert "http" not in script.replace("http://127.0.0.1:8000", "")
    assert "\r\n" in batch and "py -3" in batch
    assert "install.bat" in (tmp_path / "安装说明.txt").read_text(encoding="utf-8-sig")


def test_bundle_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from doclint.cli import app

    (tmp_path / "keep.txt").write_text("不要覆盖", encoding="utf-8")
    result = CliRunner().invoke(app, ["bundle", str(tmp_path), "--no-index"])
    assert result.exit_code == 2
    assert "不为空" in result.output
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "不要覆盖"


def test_every_target_platform_is_x64() -> None:
    assert set(PLATFORMS) == {"linux", "windows"}
    assert all(tag.endswith(("x86_64", "amd64")) for tags in PLATFORMS.values() for tag in tags)


def fake_wheel(folder: Path, name: str, requires: list[str]) -> Path:
    import zipfile

    wheel = folder / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0", *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{name}-1.0.dist-info/METADATA", "\n".join(lines) + "\n")
    return wheel


def test_windows_only_dependencies_are_found_for_the_windows_target(tmp_path: Path) -> None:
    from doclint.offline import needed_on

    # pip download judges markers by the machine it runs on; the bundle judges them by the target.
    fake_wheel(tmp_path, "clilib", ['colorama; platform_system == "Windows"',
                                    "typing-extensions>=4.10; python_version < '3.13'",
                                    "pywin32>=300; sys_platform == 'win32'",
                                    'rich; extra == "fancy"', "click>=8"])
    assert needed_on(tmp_path, "windows", "3.12") == {"colorama", "typing-extensions>=4.10", "pywin32>=300"}
    assert needed_on(tmp_path, "windows", "3.13") == {"colorama", "pywin32>=300"}
    assert needed_on(tmp_path, "linux", "3.11") == {"typing-extensions>=4.10"}
