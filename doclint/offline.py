"""`doclint bundle`: an install bundle for offices without internet — wheels for every dependency, plus scripts.

The bundle is a folder: `wheels/` (doclint and all it needs, for Windows x64 and Linux x64, CPython 3.11–3.13),
`install.sh`, `install.bat`, `安装说明.txt` and `manifest.json`. Building it needs a package index (or a local
wheel cache given with --find-links/--no-index); installing it needs none: `pip install --no-index --find-links`.
"""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from doclint import __version__
from doclint.errors import DoclintError

PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
# manylinux_2_28 is the newest glibc floor accepted: it covers the office Linux distributions in use
# (Kylin V10, UOS 20, openEuler 20.03+ and CentOS 8 all ship glibc 2.28 or later).
LINUX_TAGS = ("manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64",
              "manylinux_2_24_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
              "manylinux2010_x86_64", "manylinux1_x86_64")
PLATFORMS: dict[str, tuple[str, ...]] = {"linux": LINUX_TAGS, "windows": ("win_amd64",)}
DEFAULT_EXTRAS = ("web",)


class BundleError(DoclintError):
    """The bundle could not be built; the message says which step failed."""

    exit_code = 2


@dataclass(frozen=True)
class BundleSpec:
    """What to build: for which platforms and Pythons, with which extras, from which source."""

    output: Path
    source: Path
    platforms: tuple[str, ...] = ("linux", "windows")
    pythons: tuple[str, ...] = PYTHON_VERSIONS
    extras: tuple[str, ...] = DEFAULT_EXTRAS
    find_links: tuple[str, ...] = ()
    no_index: bool = False


def project_root() -> Path | None:
    """The source checkout doclint runs from, if it runs from one (an installed wheel has no pyproject.toml)."""
    root = Path(__file__).resolve().parent.parent
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and re.search(r'^name = "doclint"', pyproject.read_text(encoding="utf-8"), re.M):
        return root
    return None


def _pip(args: list[str], spec: BundleSpec, step: str) -> None:
    command = [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "--progress-bar", "off"]
    if spec.no_index:
        command.append("--no-index")
    for link in spec.find_links:
        command += ["--find-links", link]
    completed = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-6:]
        raise BundleError(f"{step}失败（pip 退出码 {completed.returncode}）：\n" + "\n".join(detail))


def build_doclint_wheel(spec: BundleSpec, wheels: Path) -> Path:
    _pip(["wheel", "--no-deps", "--wheel-dir", str(wheels), str(spec.source)], spec, "构建 doclint wheel ")
    built = sorted(wheels.glob(f"doclint-{__version__}-*.whl"))
    if not built:
        raise BundleError(f"构建 doclint wheel 后在 {wheels} 中没有找到 doclint-{__version__}-*.whl")
    return built[-1]


def requirement(wheel: Path, extras: tuple[str, ...]) -> str:
    return f"{wheel}[{','.join(extras)}]" if extras else str(wheel)


def build_pure_wheels(spec: BundleSpec, wheels: Path, doclint_wheel: Path) -> None:
    """Wheels for the dependencies published only as source (jieba): built here, pure Python, any platform.

    Resolving for this interpreter also fetches its binary wheels; the per-target step below reuses them."""
    _pip(["wheel", "--wheel-dir", str(wheels), "--find-links", str(wheels),
          requirement(doclint_wheel, spec.extras)], spec, "构建依赖 wheel ")


def download_for(spec: BundleSpec, wheels: Path, doclint_wheel: Path, platform: str, python: str) -> None:
    tags: list[str] = []
    for tag in PLATFORMS[platform]:
        tags += ["--platform", tag]
    _pip(["download", "--only-binary=:all:", *tags, "--python-version", python, "--implementation", "cp",
          "--dest", str(wheels), "--find-links", str(wheels), requirement(doclint_wheel, spec.extras)],
         spec, f"下载 {platform} / CPython {python} 的依赖")


# What environment markers see on each target. pip download evaluates markers for the machine it runs on, not for
# --platform/--python-version (pip issue #11664), so a Windows-only dependency such as colorama (for typer) is
# missed from Linux; complete_for_markers() adds them.
MARKER_ENVIRONMENTS: dict[str, dict[str, str]] = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
}


def marked_requirements(wheel: Path) -> list[tuple[str, str]]:
    """(requirement, marker) for each dependency of a wheel that holds only under a marker (extras left out)."""
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        metadata = next((n for n in archive.namelist() if n.endswith(".dist-info/METADATA")), None)
        if metadata is None:
            return []
        text = archive.read(metadata).decode("utf-8", "replace")
    found = []
    for line in text.splitlines():
        if line.startswith("Requires-Dist:") and ";" in line:
            requirement, marker = (part.strip() for part in line[len("Requires-Dist:"):].split(";", 1))
            if "extra" not in marker:
                found.append((requirement, marker))
    return found


def needed_on(wheels: Path, platform: str, python: str) -> set[str]:
    """The marked requirements of the wheels in `wheels` that hold on the target platform and Python."""
    # pip's own copy of `packaging`: pip is what builds the bundle, so it is always there, and doclint
    # itself needs no marker parser at run time.
    from pip._vendor.packaging.markers import Marker  # type: ignore[import-not-found,unused-ignore]

    environment = {**MARKER_ENVIRONMENTS[platform], "python_version": python, "python_full_version": f"{python}.0",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
    return {requirement for wheel in wheels.glob("*.whl") for requirement, marker in marked_requirements(wheel)
            if Marker(marker).evaluate(environment)}


def complete_for_markers(spec: BundleSpec, wheels: Path, platform: str, python: str) -> list[str]:
    """Download the dependencies whose markers hold on the target but not here; returns what was asked for."""
    added: list[str] = []
    seen: set[str] = set()
    for _ in range(5):  # a dependency added here may bring marked dependencies of its own
        wanted = sorted(needed_on(wheels, platform, python) - seen)
        if not wanted:
            break
        seen.update(wanted)
        tags: list[str] = []
        for tag in PLATFORMS[platform]:
            tags += ["--platform", tag]
        _pip(["download", "--only-binary=:all:", *tags, "--python-version", python, "--implementation", "cp",
              "--dest", str(wheels), "--find-links", str(wheels), *wanted],
             spec, f"下载 {platform} / CPython {python} 的平台依赖")
        added += wanted
    return added


INSTALL_SH = """#!/bin/sh
# doclint 离线安装（Linux x64，CPython {pythons}）。不访问网络：只从本目录的 wheels/ 安装。
# 用法：sh install.sh [安装目录]      默认安装到 $HOME/doclint；可用 PYTHON=python3.12 指定解释器。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${{PYTHON:-python3}}
target=${{1:-$HOME/doclint}}
# 不读取本机的 pip 配置（镜像地址、约束文件），也不访问任何软件包索引。
PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1
export PIP_CONFIG_FILE PIP_NO_INDEX
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_CONSTRAINT 2>/dev/null || true
"$python" -m venv "$target"
"$target/bin/python" -m pip install --no-index --find-links "$here/wheels" "doclint{extras}=={version}"
echo "安装完成。运行：$target/bin/doclint check 草案.docx"
echo "网页版：$target/bin/doclint serve，然后用浏览器打开 http://127.0.0.1:8000"
"""

INSTALL_BAT = """@echo off
rem doclint 离线安装（Windows x64，CPython {pythons}）。不访问网络：只从本目录的 wheels 安装。
rem 用法：install.bat [安装目录]      默认安装到 %USERPROFILE%\\doclint；可用 set PYTHON=py -3.12 指定解释器。
setlocal
set "HERE=%~dp0"
if not defined PYTHON set "PYTHON=py -3"
if "%~1"=="" (set "TARGET=%USERPROFILE%\\doclint") else (set "TARGET=%~1")
set "PIP_CONFIG_FILE=nul"
set "PIP_NO_INDEX=1"
set "PIP_INDEX_URL="
set "PIP_EXTRA_INDEX_URL="
set "PIP_FIND_LINKS="
%PYTHON% -m venv "%TARGET%" || goto :failed
"%TARGET%\\Scripts\\python.exe" -m pip install --no-index --find-links "%HERE%wheels" "doclint{extras}=={version}" || goto :failed
echo 安装完成。运行："%TARGET%\\Scripts\\doclint.exe" check 草案.docx
echo 网页版："%TARGET%\\Scripts\\doclint.exe" serve，然后用浏览器打开 http://127.0.0.1:8000
exit /b 0
:failed
echo 安装失败：请确认已安装 64 位 Python {pythons} 中的一个版本（python.org 安装包，勾选 py 启动器）。
exit /b 1
"""

README = """doclint {version} 离线安装包

本目录可以复制到没有互联网的电脑上安装 doclint（行政规范性文件合法性审核工具）及其网页版。
适用：{platforms}；Python {pythons}（64 位）。

Windows：先安装 64 位 Python（{pythons} 之一），然后双击或在命令提示符中运行
    install.bat
  默认安装到 %USERPROFILE%\\doclint，完成后运行 %USERPROFILE%\\doclint\\Scripts\\doclint.exe check 草案.docx

Linux：
    sh install.sh
  默认安装到 ~/doclint，完成后运行 ~/doclint/bin/doclint check 草案.docx

网页版：doclint serve，然后用浏览器打开 http://127.0.0.1:8000 。
安装过程只读取本目录 wheels/ 中的文件（pip install --no-index --find-links wheels），不访问网络。
"""


def extras_suffix(extras: tuple[str, ...]) -> str:
    return f"[{','.join(extras)}]" if extras else ""


def write_scripts(spec: BundleSpec) -> None:
    values = {"version": __version__, "extras": extras_suffix(spec.extras), "pythons": "、".join(spec.pythons),
              "platforms": "、".join({"linux": "Linux x64", "windows": "Windows x64"}[p] for p in spec.platforms)}
    if "linux" in spec.platforms:
        script = spec.output / "install.sh"
        script.write_text(INSTALL_SH.format(**values), encoding="utf-8", newline="\n")
        script.chmod(0o755)
    if "windows" in spec.platforms:
        # cmd.exe on a Chinese Windows reads batch files in the ANSI code page (GBK) and wants CRLF.
        (spec.output / "install.bat").write_bytes(INSTALL_BAT.format(**values).replace("\n", "\r\n").encode("gbk"))
    (spec.output / "安装说明.txt").write_text(README.format(**values), encoding="utf-8-sig", newline="\r\n")


def build_bundle(spec: BundleSpec) -> dict[str, object]:
    """Build the bundle into spec.output (which must not exist yet, or be empty); returns the manifest."""
    if spec.output.exists() and any(spec.output.iterdir()):
        raise BundleError(f"{spec.output}: 目录已存在且不为空；请指定新的目录")
    unknown = [p for p in spec.platforms if p not in PLATFORMS]
    if unknown:
        raise BundleError(f"不支持的平台：{'、'.join(unknown)}（支持 {'、'.join(PLATFORMS)}）")
    wheels = spec.output / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    doclint_wheel = build_doclint_wheel(spec, wheels)
    build_pure_wheels(spec, wheels, doclint_wheel)
    for platform in spec.platforms:
        for python in spec.pythons:
            download_for(spec, wheels, doclint_wheel, platform, python)
            complete_for_markers(spec, wheels, platform, python)
    write_scripts(spec)
    manifest: dict[str, object] = {
        "doclint": __version__, "extras": list(spec.extras), "platforms": list(spec.platforms),
        "pythons": list(spec.pythons), "wheels": sorted(p.name for p in wheels.glob("*.whl")),
    }
    (spec.output / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
    return manifest


def bundle(
    output: Annotated[Path, typer.Argument(help="写入安装包的新目录")],
    platform: Annotated[list[str] | None, typer.Option(
        "--platform", help="目标平台：linux、windows（可重复；默认两者）")] = None,
    python: Annotated[list[str] | None, typer.Option(
        "--python", help="目标 Python 版本（可重复；默认 3.11、3.12、3.13）")] = None,
    extra: Annotated[list[str] | None, typer.Option(
        "--extra", help="一并打包的可选功能（默认 web，即网页版）；--extra none 表示不带")] = None,
    source: Annotated[Path | None, typer.Option(
        "--source", help="doclint 源代码目录（默认为当前运行的源代码目录）")] = None,
    find_links: Annotated[list[str] | None, typer.Option(
        "--find-links", help="从本地目录查找 wheel（传给 pip，可重复）")] = None,
    no_index: Annotated[bool, typer.Option("--no-index", help="不访问软件包索引，只用 --find-links 中的文件")] = False,
) -> None:
    """生成离线安装包：doclint 及全部依赖的 wheel（Windows x64、Linux x64，CPython 3.11–3.13）和安装脚本。"""
    from doclint.cliutil import fail, stdout_console

    root = source or project_root()
    if root is None or not (root / "pyproject.toml").is_file():
        raise fail("需要 doclint 的源代码目录来构建 wheel：请在源代码目录中运行，或用 --source 指定", 2)
    extras = tuple(e for e in (extra or list(DEFAULT_EXTRAS)) if e != "none")
    spec = BundleSpec(output=output, source=root.resolve(), platforms=tuple(platform or ("linux", "windows")),
                      pythons=tuple(python or PYTHON_VERSIONS), extras=extras,
                      find_links=tuple(str(Path(f).resolve()) for f in find_links or []), no_index=no_index)
    console = stdout_console()
    console.print(f"正在生成离线安装包 {output}（{'、'.join(spec.platforms)}；Python {'、'.join(spec.pythons)}）……")
    try:
        manifest = build_bundle(spec)
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    wheels = manifest["wheels"]
    assert isinstance(wheels, list)
    size = sum(f.stat().st_size for f in (output / "wheels").iterdir()) / (1024 * 1024)
    console.print(f"已生成：{len(wheels)} 个 wheel，共 {size:.1f} MB。把整个目录复制到目标电脑，"
                  f"Windows 运行 install.bat，Linux 运行 sh install.sh。")


def register(app: typer.Typer) -> None:
    app.command("bundle")(bundle)


__all__ = ["BundleError", "BundleSpec", "build_bundle"]
