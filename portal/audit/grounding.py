"""Answer grounding: does the cited article's text bear out a question's answer?

Every comparison is made after `normalise` (punctuation, spaces, width, numerals).

- 填空: every accepted answer of every blank must occur in the article, or it is an error.
- 单选/多选: each correct option should occur in the article; a distractor that occurs
  where the stem's context points (the words right before or after the blank) is
  suspicious. What cannot be settled this way is left to a person, never an error.
- 判断: text alone cannot settle it: always left to a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.audit.normalise import article_text, normalise
from portal.content.answers import BLANK, LETTERS, is_catch_all
from portal.content.models import Article, Question, Regulation
from portal.content.numerals import cn_to_int, int_to_cn

# stems that ask for the option the article does NOT contain
NEGATIVE = ("不属于", "不包括", "不正确", "错误的是", "不是", "不符合", "未列入", "没有", "不在")
CONTEXT = 2        # normalised characters either side of the blank that make up its context


@dataclass
class Grounding:
    verified: bool = False                              # settled without a person
    errors: list[tuple[tuple, str]] = field(default_factory=list)   # (YAML path in the question, message)
    reasons: list[str] = field(default_factory=list)   # why a person must look (Chinese)


def article_name(reg: Regulation, article: Article) -> str:
    return f"《{reg.short_title or reg.title}》{article.label}"


def ground(q: Question, reg: Regulation, article: Article) -> Grounding:
    """Ground one question against the article it cites (both known to exist)."""
    text = article_text(article)
    if q.type == "填空":
        return _blanks(q, text, article_name(reg, article))
    if q.type in ("单选", "多选"):
        return _choice(q, text)
    return Grounding(reasons=["判断题不能只凭条文文字核对，需要有人对照条文确认"])


def _blanks(q: Question, text: str, name: str) -> Grounding:
    out = Grounding()
    for j, accepted in enumerate(q.answer):
        for alt in (a.strip() for a in accepted.split("|")):
            if alt and normalise(alt) not in text:
                # a scalar answer has no (answer, j) position: the source map falls back to it
                out.errors.append((("answer", j), f"第{q.index + 1}题第{j + 1}空的答案“{alt}”不在{name}中"))
    out.verified = not out.errors
    return out


def _context(stem: str) -> tuple[str, str]:
    m = BLANK.search(stem)
    if not m:
        return "", ""
    return normalise(stem[:m.start()])[-CONTEXT:], normalise(stem[m.end():])[:CONTEXT]


def _choice(q: Question, text: str) -> Grounding:
    out = Grounding()
    if any(word in q.stem for word in NEGATIVE):
        out.reasons.append("题干是否定问法（如“不属于”），不能凭条文中有无该选项判断")
        return out
    before, after = _context(q.stem)

    def in_context(option: str) -> bool:
        return bool((before and before + option in text) or (after and option + after in text))

    correct = {LETTERS.index(letter) for letter in q.answer}
    anywhere = []          # distractors found somewhere in the article, away from the stem's context
    for i, option in enumerate(q.options):
        norm, label = normalise(option), f"{LETTERS[i]}“{option}”"
        if is_catch_all(option):
            if i in correct:
                out.reasons.append(f"正确选项{label}概括其他选项，需要有人确认")
            continue
        if not norm:
            out.reasons.append(f"选项{label}没有可核对的文字")
        elif i in correct and norm not in text:
            out.reasons.append(f"正确选项{label}在条文中找不到原文")
        elif i not in correct and norm in text:
            if in_context(norm):
                out.reasons.append(f"干扰项{label}在条文中紧接题干的上下文出现，答案可能有误")
            else:
                anywhere.append(label)
    if not out.reasons and anywhere and not all(in_context(normalise(q.options[i])) for i in correct):
        out.reasons.append(f"干扰项{'、'.join(anywhere)}也出现在条文中，题干上下文不足以区分")
    out.verified = not out.reasons
    return out


_SENTENCE_END = re.compile("[。；！？]")
_LABEL = re.compile(r"第([一二三四五六七八九十百千零〇两\d]+)条")


def quotes(text: str) -> list[tuple[int, int, str, set[int]]]:
    """(line, column, quoted text, article numbers its sentence names) of every “…” quotation
    in a block of text (line and column 0-based)."""
    found = []
    for n, line in enumerate(text.split("\n")):
        for m in re.finditer(r"“([^“”]+)”", line):
            start = max((e.end() for e in _SENTENCE_END.finditer(line, 0, m.start())), default=0)
            end = _SENTENCE_END.search(line, m.end())
            sentence = line[start:end.start() if end else len(line)]
            numbers = {int(x) if x.isdigit() else cn_to_int(x) for x in _LABEL.findall(sentence)}
            found.append((n, m.start(1), m.group(1), numbers - {None}))
    return found


def cn_article(number: int) -> str:
    return f"第{int_to_cn(number)}条"
