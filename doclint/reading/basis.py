"""The basis a clause gives for itself: an article of a statute, a statute, other rules, a bare 依法, or none.

- article: 《…法》《…条例》 with 第N条 (依照《食品安全法》第一百二十四条的规定处罚): restating higher law, it creates
  nothing;
- statute: a 法律 or 法规 named without an article, or a deferral to 法律、法规 (依照有关法律、法规的规定);
- rules: some other rule named (《…办法》《…规定》), or 国家有关规定: it points outside the document, but only a
  statute (or the State Council) can ground a licence, a penalty, a fee or a competition exception;
- bare: 依法 alone names nothing (at most a vague-wording warning);
- none: the clause rests on the document alone.
"""

from __future__ import annotations

from doclint import rx
from doclint.facts.citations import BARE, GENERIC_RULES, NAMED_LAW, NOT_LAW_TITLE, cited_titles

KINDS = ("article", "statute", "rules", "bare", "none")
ARTICLE_AFTER_TITLE = rx.compile(r"》(?:（[^）]{0,16}）)?第[零〇一二两三四五六七八九十百千0-9]+条")
# 《…》 titles that are laws or rules of higher rank, as opposed to forms, certificates or this document's annexes.
# 《…办法》 ends in 法 too: it is a rule or a normative document, not a statute.
STATUTE_TITLE_END = rx.compile(r"(?:(?<![办方])法|法典|条例)(?:（[^）]{0,16}）)?$")
RULES_TITLE_END = rx.compile(r"(?:规定|决定|办法|细则|规则|命令|决议|意见|通知)(?:（[^）]{0,16}）)?$")


# 除依法处罚外，还应当通报其所在单位: the law grounds the penalty it names, not the extra measure the clause adds.
BESIDES = rx.compile(r"除(?:依法|依照|按照|根据)[^。；]{0,40}?外")


def basis_of(text: str, own_title: str | None = None) -> str:
    """The strongest basis `text` (the sentence up to the clause) gives, one of KINDS."""
    text = BESIDES.sub("", text)
    titles = [t for t in cited_titles(text, own_title) if not NOT_LAW_TITLE.search(t)]
    statutes = [t for t in titles if STATUTE_TITLE_END.search(t)]
    if statutes and ARTICLE_AFTER_TITLE.search(text):
        return "article"
    if statutes or NAMED_LAW.search(text):
        return "statute"
    if any(RULES_TITLE_END.search(t) for t in titles) or GENERIC_RULES.search(text):
        return "rules"
    if BARE.search(text):
        return "bare"
    return "none"
