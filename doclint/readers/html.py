"""HTML reader: the main text of a saved government web page, without navigation, scripts or footers."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree, html

from doclint.errors import ReadError
from doclint.readers import SourceDocument
from doclint.readers.plain import decode_text

# Never part of the document text.
_DROPPED_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "nav", "header",
                 "footer", "aside", "form", "button", "select", "option", "input", "textarea", "iframe",
                 "object", "embed", "svg", "canvas", "map", "menu", "dialog"}
# class/id words that mark site chrome on government portals (TRS, Hanweb, Kaipu CMS templates).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumbs?|position|location|header|topbar|top|footer|bottom|"
    r"copyright|sidebar|share|fenxiang|toolbar|search|login|friend-?links?|links|related|"
    r"xgwj|xgxx|qrcode|erweima|gotop|backtop)(?:$|[\s_-])",
    re.IGNORECASE,
)
# class/id of the article body on the same portals: pick it when present, else the whole cleaned <body>.
_MAIN = re.compile(
    r"(?:^|[\s_-])(?:TRS_Editor|TRS_UEDITOR|zoom|UCAP-CONTENT|article|article-?content|content|"
    r"main-?content|text|zw|zwnr|wzzw|detail|pages_content|view)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Table cells count as blocks: one cell per line, as the .docx reader gives them.
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
               "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center", "hr",
               "tbody", "thead", "caption", "figure", "figcaption", "address", "td", "th"}
_CJK = "\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# Marks a break made by a block element while text is gathered, so that it survives whitespace folding.
_BLOCK_BREAK = "\x00"
# Source line breaks between two Chinese characters are markup formatting, not a space in the text.
# One possessive run of white space, kept or dropped as a whole (`_join_cjk_break`): a run that must hold a
# newline in its middle backtracks quadratically (one CJK character then 80,000 newlines took 40 s).
_WHITESPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n\f]++(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# An internal DTD subset is never in a real page; the HTML parser would show its "]>" as text.
_DOCTYPE_SUBSET = re.compile(r"^\s*<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.IGNORECASE)


def _classes(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _prune(root: Any) -> None:
    doomed = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in ("html", "body"):
            continue
        if not tag or tag.lower() in _DROPPED_TAGS or _CHROME.search(_classes(element)):
            doomed.append(element)
    for element in doomed:
        # drop_tree keeps the element's tail, which is text of its parent.
        if element.getparent() is not None:
            element.drop_tree()


def _main_element(root: Any) -> Any:
    candidates = [e for e in root.iter() if isinstance(e.tag, str) and
                  (e.tag.lower() in ("article", "main") or _MAIN.search(_classes(e)))]
    best = None
    best_length = 0
    for element in candidates:
        length = len(element.text_content().strip())
        if length > best_length:
            best, best_length = element, length
    body = root.find(".//body")
    fallback = body if body is not None else root
    # A "content" box with a fraction of the page's text is a teaser, not the article.
    if best is not None and best_length >= 0.3 * len(fallback.text_content().strip()):
        return best
    return fallback


def _text_of(element: Any) -> str:
    parts: list[str] = []

    def walk(node: Any, in_pre: bool = False) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        # Inside <pre> a line break is a line (LibreOffice's HTML export puts the whole text in one <pre>).
        pre = in_pre or tag == "pre"
        if tag in _BLOCK_TAGS:
            parts.append(_BLOCK_BREAK)
        if node.text and tag:
            parts.append(_pre_lines(node.text) if pre else node.text.replace(_BLOCK_BREAK, ""))
        for child in node:
            walk(child, pre)
            if child.tail:
                parts.append(_pre_lines(child.tail) if pre else child.tail.replace(_BLOCK_BREAK, ""))
        if tag in _BLOCK_TAGS:
            parts.append(_BLOCK_BREAK)

    walk(element)
    raw = _WHITESPACE_BETWEEN_CJK.sub(_join_cjk_break, "".join(parts))
    lines = []
    for line in raw.split(_BLOCK_BREAK):
        line = _SPACES.sub(" ", line).strip(" \t\u3000\u00a0")
        if line:
            lines.append(line)
    return "\n".join(lines)


def _join_cjk_break(match: re.Match[str]) -> str:
    """White space between two Chinese characters goes when it holds a line break, else it stays."""
    run = match.group()
    return "" if "\n" in run else run


def _pre_lines(text: str) -> str:
    """Text of a <pre>: each source line break becomes a block break, so it survives whitespace folding."""
    return text.replace(_BLOCK_BREAK, "").replace("\r\n", "\n").replace("\r", "\n").replace("\n", _BLOCK_BREAK)


def read_html(data: bytes, name: str) -> SourceDocument:
    text = _DOCTYPE_SUBSET.sub("", _XML_DECLARATION.sub("", decode_text(data, name, _declared_charset(data))))
    if not text.strip():
        raise ReadError(f"{name}: HTML 文件为空")
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"{name}: HTML 无法解析（{exc}）") from None
    # libxml2 stops descending at 256 levels and drops what lies deeper: refuse rather than lose text.
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise ReadError(f"{name}: HTML 嵌套过深或超出解析器限制，疑似恶意构造，拒绝读取")
    _prune(root)
    return SourceDocument(name=name, text=_text_of(_main_element(root)), format="html")


def _declared_charset(data: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{1,40})""", data[:4096], re.I)
    return match.group(1).decode("ascii") if match else None
