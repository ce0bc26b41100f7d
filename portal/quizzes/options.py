"""Options written in one piece of text: `A.甲 B.乙`, `A、甲|B、乙`, `(A)甲⏎(B)乙`.

Shared by the spreadsheet importer (a single 选项 column) and the Word reader
(options inline after the stem or one per paragraph). A label is a letter A–H
followed by `.` `．` `、` `:` `：` `)` `）`, or a letter in brackets `(A)` `（A）`;
options follow each other in letter order. When a label could start the next
option or be part of an option's text (`A.维生素B.族 B.钙`), the one right after
a separator (line break, `|`, `；`) wins, then the one after a space; if that
still leaves a choice the text is reported as ambiguous, never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from portal.content.answers import LETTERS

_LABEL = re.compile(r"(?<![A-Za-z])(?:[(（][ \u3000]*([A-H])[ \u3000]*[)）]|([A-H])[ \u3000]*[.．、:：)）])")
_STRONG = "\n|｜；;"
# Separators left between options, stripped from the end of an option's text.
_TRAIL = " \t\u3000\n|｜；;"


@dataclass
class Label:
    letter: str
    start: int
    end: int
    strength: int      # 2 after a separator or at the start, 1 after a space, 0 inside text


def labels(text: str) -> list[Label]:
    found = []
    for m in _LABEL.finditer(text):
        before = text[:m.start()].rstrip(" \t\u3000")
        if not before or before[-1] in _STRONG:
            strength = 2
        elif len(before) < m.start():
            strength = 1
        else:
            strength = 0
        found.append(Label(m[1] or m[2], m.start(), m.end(), strength))
    return found


def starts_with_label(text: str) -> str | None:
    """The letter of a label at the very start of `text`, if any."""
    m = _LABEL.match(normalise(text).lstrip())
    return (m[1] or m[2]) if m else None


def normalise(text: str) -> str:
    """Full-width letters and brackets as typed in Chinese documents → ASCII letters."""
    return "".join(unicodedata.normalize("NFKC", c) if "Ａ" <= c <= "Ｚ" else c for c in text)


def split_options(text: str, first: str = "A") -> tuple[list[str], str | None]:
    """(options, problem): the option texts in letter order from `first` on; problem
    is a Chinese description when the text cannot be split with certainty."""
    text = normalise(text).strip()
    found = labels(text)
    if not found or found[0].start != 0 or found[0].letter != first:
        return [], f"应以选项字母“{first}.”开头（如“{first}.第一个选项”）"
    chosen = [found[0]]
    k = LETTERS.index(first) + 1
    while k < len(LETTERS):
        letter = LETTERS[k]
        after = [f for f in found if f.letter == letter and f.start >= chosen[-1].end]
        if not after:
            break
        best = max(f.strength for f in after)
        top = [f for f in after if f.strength == best]
        if len(top) > 1:
            where = "、".join(f"“{_quote(text, f)}”" for f in top)
            return [], (f"“{letter}”选项的开头不确定：{where} 都可能是选项{letter}，"
                        f"请每个选项单独一行（或用“|”分隔），选项文字中的“{letter}.”才不会被当作选项")
        if len(chosen) > 1 and best < min(c.strength for c in chosen[1:]):
            return [], (f"“{_quote(text, top[0])}”在上一个选项的文字中间，而其他选项都另起一行"
                        f"或用“|”“；”分隔：如果它是选项{letter}，请同样分开写；如果不是，请改写这段文字")
        chosen.append(top[0])
        k += 1
    options = []
    for n, lab in enumerate(chosen):
        end = chosen[n + 1].start if n + 1 < len(chosen) else len(text)
        options.append(text[lab.end:end].strip(_TRAIL))
    # labels of letters already used, standing where a new option could start: A.甲 B.乙 A.丙
    for f in found:
        if f not in chosen and f.strength > 0 and f.start > chosen[0].start and \
                LETTERS.index(f.letter) < len(chosen) and f.strength >= min(c.strength for c in chosen[1:] or chosen):
            return [], (f"“{_quote(text, f)}”看起来是选项{f.letter}，但选项{f.letter}前面已经有了："
                        f"请检查选项是否重复或次序有误")
    return options, None


def _quote(text: str, lab: Label) -> str:
    return text[lab.start:lab.end + 8].split("\n")[0].strip()
