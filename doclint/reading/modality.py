"""The modality of a clause: a duty (应当、必须), a prohibition (不得、禁止), a permission (可以、有权), or none."""

from __future__ import annotations

from doclint import rx

# Prohibitions first: 不得 must not be read as 得, 不可 not as 可. 不予 is an organ refusing something (a
# consequence, see consequence.py), not a prohibition on the addressee.
MODALITY = rx.compile(
    r"(?P<prohibition>不得|禁止|严禁|不准|不许|不能|不允许|不可以?|一律不|杜绝)"
    r"|(?P<duty>应当|必须|务必|须(?!知)|有义务|有责任|负责|应(?![急用对付聘届征变])(?<![相供对适反响回效呼顺感报答]应))"
    r"|(?P<permission>可以|有权|允许|准许|准予|可(?![能行靠持视见知谓否比观信爱]))"
)
KINDS = ("duty", "prohibition", "permission", "none")


def modalities(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Each modal word in text[start:end] with its kind."""
    found = []
    for match in MODALITY.finditer(text, start, end):
        kind = match.lastgroup or "duty"
        found.append((match.start(), match.end(), kind))
    return found


def modality_of(text: str, start: int, end: int) -> set[str]:
    """The kinds of modality the clause carries; {"none"} when it has no modal word."""
    kinds = {kind for _, _, kind in modalities(text, start, end)}
    return kinds or {"none"}
