"""Renders the memo's content through a Jinja2 template: the shipped one or an office's own file."""

from __future__ import annotations

from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from doclint.errors import DoclintError
from doclint.memo.content import REVIEW_BASIS, Memo


class MemoError(DoclintError):
    """The memo could not be written: a bad template, an existing output, an unsupported format."""

    exit_code = 2


def packaged_template(name: str) -> str:
    """The text of a template shipped in doclint/memo/templates."""
    return resources.files("doclint.memo").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _environment(autoescape: bool) -> SandboxedEnvironment:
    # Sandboxed: an office's template is data, and data must not reach Python internals.
    return SandboxedEnvironment(
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def load_template_text(template: Path | None, default_name: str) -> tuple[str, str]:
    """(template text, name for messages): the office's file when given, else the packaged default."""
    if template is None:
        return packaged_template(default_name), default_name
    try:
        return template.read_text(encoding="utf-8"), str(template)
    except FileNotFoundError:
        raise MemoError(f"{template}: 模板文件不存在") from None
    except IsADirectoryError:
        raise MemoError(f"{template}: 是目录，不是模板文件") from None
    except UnicodeDecodeError:
        raise MemoError(f"{template}: 模板文件不是 UTF-8 文本") from None
    except OSError as exc:
        raise MemoError(f"{template}: 无法读取模板（{exc.strerror or exc}）") from None


def render_template(memo: Memo, template: Path | None, default_name: str, *, autoescape: bool = False) -> str:
    """Render `memo` through the template; template errors name the file and line."""
    text, name = load_template_text(template, default_name)
    env = _environment(autoescape)
    try:
        compiled = env.from_string(text)
        return compiled.render(memo=memo, review_basis=REVIEW_BASIS)
    except jinja2.TemplateSyntaxError as exc:
        raise MemoError(f"{name}: 模板第 {exc.lineno} 行语法错误（{exc.message}）") from None
    except jinja2.TemplateError as exc:
        raise MemoError(f"{name}: 模板渲染失败（{exc}）") from None


def render_markdown(memo: Memo, template: Path | None = None) -> str:
    # A title or quote from the draft holding `<script>` or `<img onerror=…>` must show as text in a Markdown
    # viewer, never become markup: every string of the memo is HTML-escaped before the template sees it.
    return render_template(_html_escaped(memo), template, "memo.md.j2")


def _html_escaped(value: Any) -> Any:
    """A copy of `value` (a Memo and everything in it) with `&`, `<` and `>` in every string as entities."""
    if isinstance(value, Enum):  # a StrEnum (the conclusion) is a code, not text from the draft
        return value
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _html_escaped(getattr(value, name))
                                        for name in type(value).model_fields})
    if isinstance(value, list | tuple):
        return type(value)(_html_escaped(item) for item in value)
    if isinstance(value, dict):
        return {key: _html_escaped(item) for key, item in value.items()}
    return value


def render_html(memo: Memo, template: Path | None = None) -> str:
    return render_template(memo, template, "memo.html.j2", autoescape=True)
