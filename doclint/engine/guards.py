"""Bounds on what a rule pack may cost to load: YAML alias expansion, and the compiled size of a rule's regex.

A rule pack is untrusted data (SECURITY.md). A "billion laughs" of YAML anchors and aliases is a few hundred
bytes that expand to gigabytes once anything walks the value (validation, the cache's JSON round-trip); nested
bounded repeats such as `(?:(?:a{100}){100}){100}` make `regex.compile` build a program of a million steps and more.
Both are refused before they are expanded, with a message that names the file (and the rule).
"""

from __future__ import annotations

from typing import Any

# Nodes that aliases may add to a YAML file once expanded. Shipped packs use no aliases at all; a pack that
# shares a list or two of terms stays far below. A bomb passes it after four or five levels.
MAX_YAML_ALIAS_NODES = 10_000
# Size of a rule's regex once bounded repeats are unrolled, in pattern units (a character, a class, an escape).
# The shipped patterns stay under a few thousand; regex.compile of 200,000 units already takes a tenth of a second.
MAX_REGEX_SIZE = 100_000


class YamlAliasError(ValueError):
    """A YAML document whose aliases expand beyond the budget (or refer to themselves)."""


class RegexSizeError(ValueError):
    """A regular expression whose unrolled size passes `MAX_REGEX_SIZE`."""


def load_yaml(text: str, loader_class: Any, budget: int = MAX_YAML_ALIAS_NODES) -> Any:
    """`yaml.load(text, loader_class)`, but the composed node graph (where an alias is still one shared node)
    is measured before it is turned into Python values; beyond `budget` nodes added by aliases it is refused."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # no anchor, no alias: nothing to expand, nothing to measure
            _check_aliases(node, budget)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_aliases(root: Any, budget: int) -> None:
    expanded: dict[int, int] = {}
    distinct: set[int] = set()
    in_progress: set[int] = set()

    def size(node: Any) -> int:
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key in in_progress:
            raise YamlAliasError("YAML 别名引用了自身（递归结构），拒绝加载")
        in_progress.add(key)
        distinct.add(key)
        total = 1
        value = node.value
        if isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):  # a mapping's (key, value) pair
                    total += size(item[0]) + size(item[1])
                else:
                    total += size(item)
                if total - len(distinct) > budget:
                    raise YamlAliasError(
                        f"YAML 锚点/别名（&/*）展开后超过上限（别名最多展开 {budget} 个节点），疑似“十亿笑声”攻击，拒绝加载")
        in_progress.discard(key)
        expanded[key] = total
        return total

    try:
        total = size(root)
    except RecursionError:
        raise YamlAliasError("YAML 嵌套过深，拒绝加载") from None
    if total - len(distinct) > budget:
        raise YamlAliasError(
            f"YAML 锚点/别名（&/*）展开后超过上限（别名最多展开 {budget} 个节点），疑似“十亿笑声”攻击，拒绝加载")


def check_regex_size(pattern: str, limit: int = MAX_REGEX_SIZE) -> None:
    """Refuse `pattern` when its size with every bounded repeat unrolled passes `limit`.

    A linear scan that estimates what the regex engine will build: atoms count one, a group counts its
    content, a quantifier {m,n} multiplies what it applies to by its largest count. Never compiles anything.
    """
    size = regex_size(pattern)
    if size > limit:
        raise RegexSizeError(f"正则表达式展开后过大（约 {size} 个单元，上限 {limit}），多为嵌套的 {{n}} 重复，拒绝编译")


def regex_size(pattern: str) -> int:
    """The unrolled size estimate used by `check_regex_size` (capped a little above any sane limit)."""
    cap = 1 << 40
    stack: list[int] = [0]  # size of the group being read, innermost last
    last = 0  # size of the most recent atom or group: what a quantifier applies to
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\":
            index = _skip_escape(pattern, index)
            last = 1
            stack[-1] += 1
            continue
        if char == "[":
            index = _skip_class(pattern, index)
            last = 1
            stack[-1] += 1
            continue
        if char == "(":
            stack.append(0)
            index += 1
            if pattern.startswith("?", index):  # (?:, (?=, (?!, (?<=, (?<!, (?>: the prefix is not content
                index += 1
                while index < length and pattern[index] in ":=!<>":
                    index += 1
            continue
        if char == ")":
            inner = stack.pop() if len(stack) > 1 else 0
            last = inner
            stack[-1] = min(cap, stack[-1] + inner)
            index += 1
            continue
        if char == "{":
            count, end = _repeat_count(pattern, index)
            if count is not None:
                stack[-1] = min(cap, stack[-1] + last * (count - 1))
                last = min(cap, last * count)
                index = end
                continue
        if char in "*+?|^$":
            index += 1
            continue
        last = 1
        stack[-1] += 1
        index += 1
    return min(cap, sum(stack))


def _skip_escape(pattern: str, index: int) -> int:
    # \p{Han}, \x{4e00}, \N{NAME}: the braces belong to the escape, not a repeat.
    index += 2
    if index < len(pattern) and pattern[index] == "{" and pattern[index - 1] in "pPxNgk":
        close = pattern.find("}", index)
        return len(pattern) if close < 0 else close + 1
    return index


def _skip_class(pattern: str, index: int) -> int:
    index += 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    depth = 1  # the regex module (V1) allows nested sets; under V0 a "[" inside a set is a literal, harmless here
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return index


def _repeat_count(pattern: str, index: int) -> tuple[int | None, int]:
    """The largest count of a {m}, {m,n} or {m,} quantifier at `index`, and where it ends; None if not one."""
    close = pattern.find("}", index)
    if close < 0 or close - index > 24:
        return None, index
    body = pattern[index + 1:close]
    low, comma, high = body.partition(",")
    low, high = low.strip(), high.strip()
    if not (low.isdigit() or (comma and not low)) or (high and not high.isdigit()):
        return None, index
    counts = [int(part) for part in (low, high) if part]
    if not counts:
        return None, index
    largest = max(counts) + (1 if comma and not high else 0)
    return max(1, largest), close + 1
