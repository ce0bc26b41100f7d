"""Meaning of a question's answer per type: normalisation and its own checks."""
from __future__ import annotations

import re

LETTERS = "ABCDEFGH"
BLANK = re.compile(r"（[ \u3000]*）|\([ \u3000]*\)|_{2,}")
JUDGE = {"对": "对", "错": "错"}
# options that stand for the others ("以上都是", "以上都不对"): kept in place when options are shuffled
CATCH_ALL = re.compile(r"^(以上|上述)(各项|选项|说法|四项|三项)?(都|均|全|皆)|^(以上|上述)?(都不|均不|全不|皆不)|^全部(都)?(是|正确|对)")


def is_catch_all(option: str) -> bool:
    return bool(CATCH_ALL.search(re.sub(r"[\s\W_]+", "", option)))


def count_blanks(stem: str) -> int:
    return len(BLANK.findall(stem))


def normalise_answer(qtype: str, answer, options: list[str]) -> tuple[list[str] | None, str | None]:
    """Return (answer, None) or (None, Chinese problem)."""
    if qtype in ("单选", "多选"):
        return _letters(qtype, answer, options)
    if qtype == "判断":
        text = str(answer).strip()
        if text not in JUDGE:
            return None, f"判断题的答案应为“对”或“错”，这里是“{text}”"
        return [JUDGE[text]], None
    items = answer if isinstance(answer, list) else [answer]
    items = [str(x).strip() for x in items]
    if any(not x or all(not alt.strip() for alt in x.split("|")) for x in items):
        return None, "填空题的答案不能有空项"
    return items, None


def _letters(qtype: str, answer, options: list[str]):
    if isinstance(answer, list):
        raw = [str(x).strip().upper() for x in answer]
    else:
        raw = [c for c in re.sub(r"[\s,，、;；]", "", str(answer)).upper()]
    if not raw:
        return None, "答案不能为空"
    allowed = LETTERS[:len(options)]
    for letter in raw:
        if len(letter) != 1 or letter not in LETTERS:
            return None, f"答案“{letter}”不是选项字母（A–H）"
        if letter not in allowed:
            return None, f"答案“{letter}”不在选项中（本题只有 {allowed[0]}–{allowed[-1]} {len(options)} 个选项）"
    if len(set(raw)) != len(raw):
        return None, "答案中有重复的字母"
    if qtype == "单选" and len(raw) != 1:
        return None, f"单选题只能有一个答案，这里是“{''.join(raw)}”"
    return sorted(raw), None
