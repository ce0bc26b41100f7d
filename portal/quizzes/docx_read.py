"""Read a Word question bank (.docx) into the rows the spreadsheet importer checks.

The layouts in common use:

    一、单项选择题（每题2分）          ← section heading: the type (and score) of what follows
    1．党的最高领导机关是（  ）。       ← numbered question: 1. 1、 1． （1） 第1题
    A．全国代表大会  B．中央委员会      ← options inline, or one per paragraph
    答案：A                           ← 答案：/【答案】/参考答案：/正确答案：
    解析：见党章第十条。                ← 解析：/【解析】, may run on over paragraphs
    出处：dangzhang#10   难度：2   分值：2   编号：dz-001   (optional, written by export-quiz --docx)

An answer may instead sit in the stem (`（A）`, `（√）`) or in an answer key at
the end (a table of 题号/答案, or lines such as `1.A 2.B` and `1-5 ABCDA` after a
参考答案 heading). Blanks are `（ ）`, `____` or underlined spaces; underlined text
in a 填空 question without an answer line is its answer.

Everything is returned as sheet-like rows numbered by paragraph (every paragraph
of the document body counts, empty ones too, as Word's paragraph marks show),
so sheet.check_row does the same checks as for a spreadsheet.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from portal.content.answers import LETTERS
from portal.content.cjk import unify
from portal.quizzes.options import labels, split_options, starts_with_label
from portal.quizzes.sheet_read import OPTION_COLUMNS, SheetError, Table

_CN = "一二三四五六七八九十"
_TYPE_WORDS = {"单项选择": "单选", "单选": "单选", "多项选择": "多选", "多选": "多选", "不定项选择": "多选",
               "判断": "判断", "是非": "判断", "判断正误": "判断", "填空": "填空"}
_TYPE_ALT = "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
_HEADING = re.compile(rf"^(?:[{_CN}]+\s*[、.．]|第[{_CN}\d]+部分|[（(][{_CN}]+[)）])?\s*({_TYPE_ALT})题?"
                      r"\s*(?:$|[（(：:].*$)")
_SCORE = re.compile(r"每(?:小)?题\s*(\d+)\s*分")
_KEY_HEADING = re.compile(rf"^(?:[{_CN}]+\s*[、.．]\s*)?(?:参考答案|标准答案|答案)(?:及解析|与解析|和解析)?\s*[:：]?$")
_QUESTION = re.compile(r"^(?:第\s*(\d+)\s*题\s*[.．、:：]?|[（(]\s*(\d+)\s*[)）]|(\d+)\s*(?:[.．、]|[)）](?!\d))(?!\d))\s*")
_TAG = re.compile(rf"^[【\[（(]\s*({_TYPE_ALT})题?\s*[】\]）)]\s*")
_ANSWER = re.compile(r"^(?:【\s*(?:参考答案|正确答案|标准答案|答案)\s*】|(?:参考答案|正确答案|标准答案|答案)\s*[:：])\s*")
_EXPLAIN = re.compile(r"^(?:【\s*(?:答案解析|试题解析|解析)\s*】|(?:答案解析|试题解析|解析)\s*[:：])\s*")
_FIELD = re.compile(r"^(出处|难度|分值|分数|编号|题目编号)\s*[:：]\s*")
_FIELD_NAMES = {"分数": "分值", "题目编号": "编号"}
_INLINE_EXPLAIN = re.compile(r"\s*(?:【\s*解析\s*】|解析\s*[:：])")
_IN_STEM_LETTERS = re.compile(r"[（(]\s*([A-H](?:\s*[,，、]?\s*[A-H])*)\s*[)）]")
_IN_STEM_JUDGE = re.compile(r"[（(]\s*(√|×|✓|✔|✗|✘|对|错|正确|错误)\s*[)）]")
_JUDGE_WORDS = {"√": "对", "✓": "对", "✔": "对", "对": "对", "正确": "对",
                "×": "错", "✗": "错", "✘": "错", "错": "错", "错误": "错"}
_BLANK = re.compile(r"（[ \u3000]*）|\([ \u3000]*\)|_{2,}")
_UNDER = re.compile("\x01(.*?)\x02")        # underlined text, marked while reading runs
_KEY_RANGE = re.compile(r"(\d+)\s*[-—–~～至]\s*(\d+)\s*[.．、:：]?\s*((?:[A-H√×对错]+\s*)+)")
_KEY_ITEM = re.compile(r"(?<!\S)(\d+)\s*(?:[.．、:：]\s*(\S+)|([A-H]+|√|×|✓|✗|对|错|正确|错误)(?![A-Za-z]))")
_QUOTE = 24


@dataclass
class _Question:
    para: int
    first: str                  # the question's first line, quoted in problems
    number: int | None
    section: int
    hint: str | None
    score: str | None
    stem: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    answer: str | None = None
    explanation: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    state: str = "stem"         # stem → options → answer → explanation


@dataclass
class _Reader:
    table: Table
    questions: list[_Question] = field(default_factory=list)
    sections: list[tuple[str, str | None]] = field(default_factory=list)   # (type, score) per heading
    keys: dict[tuple[int | None, int], tuple[str, str]] = field(default_factory=dict)
    key_section: int | None = None      # section named in the answer key, if it names them
    key_mode: bool | str = False      # True in the answer key at the end; "pending" right after 答案：
    skipped: list[int] = field(default_factory=list)    # paragraphs before the first question

    def problem(self, para: int | None, msg: str, quote: str | None = None) -> None:
        self.table.problems.append((para, msg + (f"（“{_short(quote)}”）" if quote else "")))

    @property
    def current(self) -> _Question | None:
        return self.questions[-1] if self.questions else None


def _short(text: str) -> str:
    text = _UNDER.sub(r"\1", text).strip()
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


def _fold(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).upper()


def read_docx(path: Path, label: str) -> Table:
    try:
        import docx   # python-docx; heavy import, only needed here
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:   # pragma: no cover - requirements.txt installs it
        raise SheetError("读取 Word 文件需要 python-docx：请运行 pip install -r requirements.txt") from None
    try:
        document = docx.Document(str(path))
    except OSError as e:
        raise SheetError(f"无法读取文件（{e.strerror or e}）") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise SheetError("不是有效的 .docx 文件（文件损坏，或是改了扩展名的 .doc 等其他格式："
                         "请在 Word 或 WPS 中另存为 .docx）") from None
    from docx.table import Table as DocTable
    reader = _Reader(Table(label, unit="段"))
    para = 0
    for block in document.iter_inner_content():
        if isinstance(block, DocTable):
            _key_table(reader, block, para)
            continue
        para += 1
        numbered = _list_format(block)   # Word's own list numbering: "1." or "A." is not in the text
        for k, line in enumerate(_paragraph_text(block).split("\n")):
            q = reader.current
            if k and q is not None and q.state == "explanation" and not reader.key_mode:
                q.explanation.append(line.strip())   # a line break inside 解析 stays in it
            else:
                _line(reader, para, line.strip(), numbered)
            numbered = None
    _finish(reader)
    return reader.table


def _list_format(paragraph) -> str | None:
    """Word's automatic numbering on the paragraph (its own or its style's): the number
    format of its level ("decimal", "upperLetter", …), or None when not numbered."""
    for element in (paragraph._p, getattr(paragraph.style, "element", None)):
        pr = element.pPr if element is not None else None
        num = pr.numPr if pr is not None else None
        if num is not None and num.numId is not None:
            if num.numId.val == 0:   # numbering switched off
                return None
            return _number_format(paragraph, num.numId.val, num.ilvl.val if num.ilvl is not None else 0)
    return None


def _number_format(paragraph, num_id: int, level: int) -> str:
    try:
        numbering = paragraph.part.numbering_part.element
        abstract = numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")[0]
        fmt = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{level}']"
                              "/w:numFmt/@w:val")
        return fmt[0] if fmt else "decimal"
    except (IndexError, KeyError, NotImplementedError, AttributeError):
        return "decimal" if level == 0 else "other"


def _paragraph_text(paragraph) -> str:
    """The text, with underlined spaces as ____ and underlined words marked for 填空 answers."""
    parts: list[tuple[str, bool]] = []
    for item in paragraph.iter_inner_content():
        for run in getattr(item, "runs", None) or [item]:
            text = unify(run.text).replace("\t", " ")
            if text:
                parts.append((text, bool(run.underline)))
    merged: list[list] = []
    for text, under in parts:
        if merged and merged[-1][1] == under:
            merged[-1][0] += text
        else:
            merged.append([text, under])
    out = []
    for text, under in merged:
        if not under:
            out.append(text)
        elif not text.strip(" \u3000_"):
            out.append("____")
        else:   # leading/trailing spaces of an underlined answer are part of the line, not the answer
            core = text.strip(" \u3000")
            out.append(text[:len(text) - len(text.lstrip(" \u3000"))] + f"\x01{core}\x02")
    return "".join(out)


def _line(r: _Reader, para: int, text: str, numbered: str | None) -> None:
    if not text:
        return
    q = r.current
    if r.key_mode == "pending":   # after a bare 答案： — an answer key, or this question's answer?
        looks_like_key = _HEADING.match(text) or _KEY_RANGE.search(text) or _KEY_ITEM.search(text)
        if not looks_like_key and q is not None and q.answer is None and q.state in ("stem", "options"):
            r.key_mode = False
            _line(r, para, f"答案：{text}", None)
            return
        r.key_mode = True
    if r.key_mode:
        _key_line(r, para, text)
        return
    if m := _HEADING.match(text):
        score = _SCORE.search(text)
        r.sections.append((_TYPE_WORDS[m[1]], score[1] if score else None))
        return
    if _KEY_HEADING.match(text) and r.questions:
        r.key_mode, r.key_section = "pending", None
        return
    if q is not None and (m := _ANSWER.match(text)):
        rest = text[m.end():]
        if _KEY_RANGE.search(rest) or len(_KEY_ITEM.findall(rest)) > 1:   # 参考答案：1-5 ABCDA after a section
            r.key_section = q.section
            _key_line(r, para, rest)
            r.key_section = None
            return
        explain = _INLINE_EXPLAIN.search(rest)
        answer = rest[:explain.start()] if explain else rest
        if q.answer is not None:
            r.problem(para, "这道题有两处答案", text)
        q.answer = _UNDER.sub(r"\1", answer).strip()
        q.state = "answer"
        if explain:
            q.explanation.append(rest[explain.end():].strip())
            q.state = "explanation"
        return
    if q is not None and (m := _EXPLAIN.match(text)):
        q.explanation.append(text[m.end():])
        q.state = "explanation"
        return
    if q is not None and (m := _FIELD.match(text)):
        for name, value in _fields(text):
            q.fields[name] = value
        q.state = "fields"
        return
    m = _QUESTION.match(text)
    number = next((int(g) for g in m.groups() if g), None) if m else None
    if m and _starts_question(r, number):
        _new_question(r, para, number, text[m.end():], text)
        return
    if numbered in ("upperLetter", "lowerLetter") and q is not None and q.state in ("stem", "options") \
            and len(q.options) < len(LETTERS) and not starts_with_label(text):
        text = f"{LETTERS[len(q.options)]}.{text}"   # an automatically lettered option
    elif numbered == "decimal" and not starts_with_label(text) and (q is None or q.state != "explanation"):
        _new_question(r, para, (q.number or 0) + 1 if q else 1, text, text)
        return
    if q is None:
        r.skipped.append(para)
        return
    letter = starts_with_label(text)
    if letter and q.state in ("stem", "options"):
        expected = LETTERS[len(q.options)] if len(q.options) < len(LETTERS) else None
        if letter != expected:
            r.problem(para, f"选项字母次序不对：这里应为选项{expected}，却是选项{letter}", text)
            q.state = "broken"
            r.table.broken.add(q.para)
            return
        options, problem = split_options(text, first=letter)
        if problem:
            r.problem(para, f"选项无法拆分：{problem}", text)
            q.state = "broken"
            r.table.broken.add(q.para)
            return
        q.options += options
        q.state = "options"
        return
    if q.state == "stem":
        q.stem.append(text)
    elif q.state == "explanation":
        q.explanation.append(text)
    elif q.state != "broken":
        r.problem(para, "无法识别这一段：不是题目、选项、答案或解析（题目应以“1.”“1、”“（1）”或“第1题”开头，"
                        "选项以“A.”开头，答案以“答案：”开头）", text)


def _fields(text: str) -> list[tuple[str, str]]:
    """出处：… 难度：2 分值：2 编号：…, on one line or several."""
    found = list(re.finditer(r"(出处|难度|分值|分数|编号|题目编号)\s*[:：]\s*", text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        out.append((_FIELD_NAMES.get(m[1], m[1]), _UNDER.sub(r"\1", text[m.end():end]).strip()))
    return out


def _starts_question(r: _Reader, number: int | None) -> bool:
    q = r.current
    if q is None or q.state != "explanation":
        return True
    # inside an explanation, "1." may be the explanation's own list: only the next number counts
    return number is not None and (number == (q.number or 0) + 1 or number == 1)


def _new_question(r: _Reader, para: int, number: int | None, text: str, line: str) -> None:
    hint = None
    if m := _TAG.match(text):
        hint, text = _TYPE_WORDS[m[1]], text[m.end():]
    section = len(r.sections) - 1
    qtype, score = r.sections[section] if section >= 0 else (None, None)
    r.questions.append(_Question(para, line, number, section, hint or qtype, score, [text] if text else []))


# ---- answer keys ----------------------------------------------------------------------------

def _key_line(r: _Reader, para: int, text: str) -> None:
    if m := _HEADING.match(text):
        r.key_section = _section_of(r, _TYPE_WORDS[m[1]], para, text)
        rest = re.split("[：:]", text, maxsplit=1)[1] if re.search("[：:]", text) else ""
        if not re.search(r"\d", rest):   # 一、单选题：1-5 ABCDA carries its answers
            return
        text = rest.strip()
    if _KEY_HEADING.match(text):
        return
    rest = text
    found = False
    for m in _KEY_RANGE.finditer(text):
        first, last = int(m[1]), int(m[2])
        groups = m[3].split()
        answers = groups if len(groups) > 1 else _judge_split(groups[0])
        if len(answers) != last - first + 1:
            r.problem(para, f"答案“{m[0].strip()}”：第{first}至{last}题共 {last - first + 1} 题，"
                            f"答案却有 {len(answers)} 个（多选题的答案之间请用空格分开）", text)
        else:
            for n, a in zip(range(first, last + 1), answers):
                _add_key(r, n, a, f"第{para}段", para, text)
        rest = rest.replace(m[0], " ")
        found = True
    for m in _KEY_ITEM.finditer(rest):
        _add_key(r, int(m[1]), m[2] or m[3], f"第{para}段", para, text)
        found = True
    if not found:
        r.problem(para, "答案部分中无法识别这一段：应为“1.A 2.B”或“1-5 ABCDA”这样的答案", text)


def _judge_split(group: str) -> list[str]:
    """ABCDA → A B C D A; √×√ → √ × √; 对错对 → 对 错 对."""
    return list(group)


def _section_of(r: _Reader, qtype: str, para: int | None, text: str) -> int | None:
    matching = [i for i, (t, _) in enumerate(r.sections) if t == qtype]
    if len(matching) == 1:
        return matching[0]
    r.problem(para, f"答案部分的“{text}”对应不到唯一的题型部分", text)
    return None


def _add_key(r: _Reader, number: int, answer: str, where: str, para: int | None, quote: str) -> None:
    key = (r.key_section, number)
    if key in r.keys and r.keys[key][0] != answer:
        r.problem(para, f"答案部分中第{number}题出现两次（{r.keys[key][1]}和{where}）", quote)
    r.keys[key] = (answer, where)


def _key_table(r: _Reader, table, para: int) -> None:
    if not r.questions:
        r.table.notes.append(f"第{para}段之后的表格在第一道题之前，已忽略")
        return
    r.key_mode = True
    rows = [[_cell(c) for c in row.cells] for row in table.rows]
    rows = [[c for k, c in enumerate(row) if k == 0 or c != row[k - 1] or not c] for row in rows]   # merged cells repeat
    k = 0
    while k < len(rows):
        row = rows[k]
        where = f"第{para}段之后的答案表第{k + 1}行"
        heading = next((c for c in row if c and _HEADING.match(c)), None)
        if heading and not any(re.fullmatch(r"\d+", c) for c in row):
            r.key_section = _section_of(r, _TYPE_WORDS[_HEADING.match(heading)[1]], None, heading)
            k += 1
            continue
        # horizontal: 题号 | 1 | 2 | 3 over 答案 | A | B | C
        if row and _fold(row[0]) == "题号" and k + 1 < len(rows) and _fold(rows[k + 1][0]) in ("答案", "参考答案"):
            for n, a in zip(row[1:], rows[k + 1][1:]):
                if re.fullmatch(r"\d+", n) and a:
                    _add_key(r, int(n), a, where, None, "")
            k += 2
            continue
        # vertical: pairs of 题号 | 答案 (one pair or several side by side per row)
        for i in range(0, len(row) - 1):
            if re.fullmatch(r"\d+", row[i]) and row[i + 1] and not re.fullmatch(r"\d+", row[i + 1]):
                _add_key(r, int(row[i]), row[i + 1], where, None, "")
        k += 1


def _cell(cell) -> str:
    return _UNDER.sub(r"\1", " ".join(_paragraph_text(p) for p in cell.paragraphs)).strip()


# ---- questions as sheet rows ------------------------------------------------------------------

def _finish(r: _Reader) -> None:
    t = r.table
    if r.skipped:
        t.notes.append(f"第一道题之前的 {len(r.skipped)} 段（标题、说明）已跳过")
    if not r.questions:
        t.problems.append((None, "文档中没有找到题目：题目应以“1.”“1、”“（1）”或“第1题”开头"))
        return
    numbers = [q.number for q in r.questions if q.number is not None]
    unique_numbers = len(numbers) == len(set(numbers))
    used: set = set()
    for q in r.questions:
        key_answer = _key_for(r, q, unique_numbers, used)
        cells = _row(r, q, key_answer)
        t.rows.append((q.para, cells))
        t.quotes[q.para] = _short(q.first)
    for key, (answer, where) in r.keys.items():
        if key not in used:
            section = f"{r.sections[key[0]][0]}题" if key[0] is not None else ""
            t.problems.append((None, f"答案部分（{where}）有{section}第{key[1]}题的答案“{answer}”，但没有这道题"))


def _key_for(r: _Reader, q: _Question, unique: bool, used: set) -> str | None:
    if q.number is None or not r.keys:
        return None
    for key in ((q.section, q.number), (None, q.number)):
        if key in r.keys:
            if key[0] is None and not unique:
                r.problem(q.para, "题号在各部分中重复，答案部分却没有按题型分开：请在答案表中加上"
                                  "“一、单选题”这样的标题")
                used.add(key)
                return None
            used.add(key)
            return r.keys[key][0]
    return None


def _row(r: _Reader, q: _Question, key_answer: str | None) -> dict:
    stem = "\n".join(q.stem)
    answer = q.answer
    if answer and key_answer and _fold(answer) != _fold(key_answer):
        r.problem(q.para, f"题后的答案“{answer}”与答案部分的“{key_answer}”不一致")
    answer = answer or key_answer
    options = q.options
    if not options and q.hint not in ("判断", "填空"):
        options, stem = _inline_options(r, q, stem)
    qtype = q.hint
    marked, stem, qtype = _answer_in_stem(stem, options, qtype)   # never leave （A） in the stem
    if marked and answer and _fold(marked).replace(",", "").replace("、", "") != \
            _fold(answer).replace(",", "").replace("、", "") and _JUDGE_WORDS.get(answer.strip()) != marked:
        r.problem(q.para, f"题干中标出的答案“{marked}”与答案“{answer}”不一致")
    answer = answer or marked
    underlined = _UNDER.findall(stem)
    if underlined and (qtype == "填空" or (qtype is None and not options)) and answer is None:
        qtype, answer = "填空", "；".join(underlined)
        stem = _UNDER.sub("____", stem)
    stem = _UNDER.sub(r"\1", stem)
    if qtype is None:
        qtype = _infer_type(stem, options, answer)
    if qtype is None:
        r.problem(q.para, "无法判断题型：请在前面加“一、单选题”这样的标题，或写出选项和答案")
    cells = {"题型": qtype or "", "题干": stem.strip(), "答案": answer or "",
             "解析": _UNDER.sub(r"\1", "\n".join(q.explanation)).strip()}
    if len(options) > len(OPTION_COLUMNS):
        r.problem(q.para, f"选项最多 {len(OPTION_COLUMNS)} 个，这里有 {len(options)} 个")
    cells.update({OPTION_COLUMNS[i]: _UNDER.sub(r"\1", o) for i, o in enumerate(options[:len(OPTION_COLUMNS)])})
    if q.score and "分值" not in q.fields:
        cells["分值"] = q.score
    cells.update(q.fields)
    return cells


def _inline_options(r: _Reader, q: _Question, stem: str) -> tuple[list[str], str]:
    """Options written after the stem in the same paragraph: …（  ）A.甲 B.乙 C.丙."""
    last_blank = max((m.end() for m in _BLANK.finditer(stem)), default=0)
    splits = []
    for lab in labels(stem):
        if lab.letter != "A" or lab.start < last_blank or lab.start == 0:
            continue
        options, problem = split_options(stem[lab.start:])
        if not problem and len(options) >= 2 and all(options):
            splits.append((lab.start, options))
    if len(splits) > 1:
        r.problem(q.para, "题干中有几处都像选项的开头（“A.”）：请把选项另起一段，每个选项一段")
        return [], stem
    if splits:
        start, options = splits[0]
        return options, stem[:start].rstrip()
    return [], stem


def _answer_in_stem(stem: str, options: list[str], qtype: str | None):
    """（A） or （√） written in the stem: the answer, leaving a blank (choice) or nothing (判断)."""
    if options and qtype in (None, "单选", "多选"):
        found = list(_IN_STEM_LETTERS.finditer(stem))
        letters_ok = [m for m in found if all(c in LETTERS[:len(options)] for c in re.sub(r"[\s,，、]", "", m[1]))]
        if len(letters_ok) == 1:
            m = letters_ok[0]
            return m[1], stem[:m.start()] + "（  ）" + stem[m.end():], qtype
    if not options and qtype in (None, "判断"):
        found = list(_IN_STEM_JUDGE.finditer(stem))
        if len(found) == 1:
            m = found[0]
            return _JUDGE_WORDS[m[1]], (stem[:m.start()] + stem[m.end():]).strip(), "判断"
    return None, stem, qtype


def _infer_type(stem: str, options: list[str], answer: str | None) -> str | None:
    if options:
        letters = re.sub(r"[^A-H]", "", _fold(answer or ""))
        return "多选" if len(set(letters)) > 1 else "单选"
    if answer and _fold(answer) in {_fold(w) for w in (*_JUDGE_WORDS, "T", "F", "TRUE", "FALSE", "是", "否")}:
        return "判断"
    if _BLANK.search(stem):
        return "填空"
    return None
