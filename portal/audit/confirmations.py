"""The review record: which questions a person confirmed, when, and against what text.

One committed file, `quizzes/review/confirmations.yml` (a sub-folder, so the loader,
which reads only the files directly in quizzes/, never takes it for a quiz). One line
per question, sorted by id, so a confirmation is a one-line diff. Editors never edit
the entries: `python -m portal audit --confirm ID…` writes them. Each entry carries a
seal over its own fields, so an entry changed by hand is reported, not trusted.

    require_confirmed: false      # true: 待确认 and 条文已修订 stop the build too
    confirmations:
      - {id: 'zb-013', article: zhibu-gongzuo-tiaoli#2, date: 2026-12-04, text: '1f0c…', question: '9a4e…', seal: '5b1d…'}
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portal.audit.normalise import normalise
from portal.content.models import Question
from portal.content.problems import Collector, Problem
from portal.content.schema import CITE_PATTERN, ID_PATTERN
from portal.content.yamlsrc import decode, parse

PATH = "quizzes/review/confirmations.yml"
KEYS = ("id", "article", "date", "text", "question", "seal")
_HEX = re.compile(r"^[0-9a-f]{16}$")
_SEAL = re.compile(r"^[0-9a-f]{8}$")
HEADER = """\
# 题目复核记录：由 python -m portal audit --confirm 写入，请勿手工编辑条目（手工改动会被检查报告）。
# 每行一道题：题目编号、所引条文、确认日期、确认时条文文字的指纹、题目内容的指纹、校验码。
# 要求题库全部“已核实”或“已确认”（待确认、条文已修订也使构建停止）时，把下一行改为 true。
"""


@dataclass
class Confirmation:
    id: str
    article: str | None       # regulation-id#N the question cited when confirmed ("" for none)
    date: date
    text: str                 # fingerprint of the article's normalised text then
    question: str             # fingerprint of the question as it was then
    seal: str = ""
    line: int = 0             # 1-based line in the file (for problems)

    def sealed(self) -> "Confirmation":
        self.seal = seal(self)
        return self


@dataclass
class Record:
    require_confirmed: bool = False
    entries: dict[str, Confirmation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    exists: bool = False


def seal(c: Confirmation) -> str:
    body = "|".join([c.id, c.article or "", c.date.isoformat(), c.text, c.question])
    return hashlib.sha256(("portal-review|" + body).encode("utf-8")).hexdigest()[:8]


def question_fingerprint(q: Question) -> str:
    """What a person confirmed: the question's type, stem, options, answer and citation."""
    parts = [q.type, normalise(q.stem), *(normalise(o) for o in q.options), "|".join(q.answer), q.source or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def read(root: Path) -> Record:
    record = Record()
    path = root / PATH
    if not path.is_file():
        return record
    record.exists = True
    out = Collector(PATH, record.problems)
    text = decode(path.read_bytes(), out)
    src = None if text is None else parse(text, out)
    if src is None:
        return record
    data = src.data
    if not isinstance(data, dict):
        out.at((0, 0), "复核记录应包含“require_confirmed”和“confirmations”两项")
        return record
    for key in data:
        if key not in ("require_confirmed", "confirmations"):
            out.at(src.key_where((key,)), f"复核记录中不认识的项“{key}”（只能有 require_confirmed 和 confirmations）")
    flag = data.get("require_confirmed", False)
    if not isinstance(flag, bool):
        out.at(src.where(("require_confirmed",)), "“require_confirmed”应为 true 或 false")
    else:
        record.require_confirmed = flag
    entries = data.get("confirmations") or []
    if not isinstance(entries, list):
        out.at(src.where(("confirmations",)), "“confirmations”应为列表，每行一条记录")
        return record
    for i, entry in enumerate(entries):
        c = _entry(entry, ("confirmations", i), src, out)
        if c is None:
            continue
        if c.id in record.entries:
            out.at(src.where(("confirmations", i)), f"题目“{c.id}”的复核记录重复（第{record.entries[c.id].line}行已有）")
            continue
        record.entries[c.id] = c
    return record


def _entry(entry, where: tuple, src, out: Collector) -> Confirmation | None:
    pos = src.where(where)
    if not isinstance(entry, dict):
        out.at(pos, "复核记录的每一条应为 {id: …, article: …, date: …, text: …, question: …, seal: …}")
        return None
    missing = [k for k in KEYS if k not in entry]
    extra = [k for k in entry if k not in KEYS]
    if missing or extra:
        what = "；".join(filter(None, [missing and f"缺少 {'、'.join(missing)}",
                                       extra and f"多出 {'、'.join(map(str, extra))}"]))
        out.at(pos, f"复核记录格式不对：{what}")
        return None
    values = {k: entry[k] for k in KEYS}
    checks = [("id", isinstance(values["id"], str) and re.match(ID_PATTERN, values["id"])),
              ("article", values["article"] in ("", None) or (isinstance(values["article"], str)
                                                             and re.match(CITE_PATTERN, values["article"]))),
              ("date", isinstance(values["date"], date)),
              ("text", isinstance(values["text"], str) and (_HEX.match(values["text"]) or values["text"] == "-")),
              ("question", isinstance(values["question"], str) and _HEX.match(values["question"])),
              ("seal", isinstance(values["seal"], str) and _SEAL.match(values["seal"]))]
    bad = [k for k, ok in checks if not ok]
    if bad:
        out.at(src.where(where + (bad[0],)), f"复核记录中“{bad[0]}”的值“{values[bad[0]]}”格式不对")
        return None
    c = Confirmation(values["id"], values["article"] or None, values["date"], values["text"], values["question"],
                     values["seal"], pos[0] + 1 if pos else 0)
    if seal(c) != c.seal:
        out.at(pos, f"题目“{c.id}”的复核记录被手工改动过（校验码不符）：请删除这一行，"
                    f"核对条文后运行 python -m portal audit --confirm {c.id}")
        return None
    return c


def write(root: Path, record: Record) -> Path:
    """The whole file, one line per confirmation in id order (values are ids, dates and hex digests)."""
    lines = [HEADER, f"require_confirmed: {'true' if record.require_confirmed else 'false'}\n", "confirmations:\n"]
    for c in sorted(record.entries.values(), key=lambda c: c.id):
        article = c.article or '""'
        # quoted: an id or a digest made only of digits (or like 1e5) would otherwise read as a number
        lines.append(f"  - {{id: '{c.id}', article: {article}, date: {c.date.isoformat()}, "
                     f"text: '{c.text}', question: '{c.question}', seal: '{c.seal}'}}\n")
    if not record.entries:
        lines[-1] = "confirmations: []\n"
    path = root / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path
