"""What `python -m portal audit` reports: questions by state, counts, skewed answer letters."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from portal.audit.states import STATES, Entry

TYPES = ("单选", "多选", "判断", "填空")
SKEW_MIN = 5          # questions of a type before a bank's answer letters are judged
SKEW_SHARE = 0.5      # one letter (单选) or one combination (多选) holding more than this share


@dataclass
class Row:
    entry: Entry
    where: str            # quizzes/x.yml:LINE:COL

    @property
    def reason(self) -> str:
        e = self.entry
        if e.errors:
            return "；".join(m for _, m in e.errors)
        return "；".join(e.reasons)


def rows(lib, entries: list[Entry]) -> list[Row]:
    out = []
    for e in entries:
        pos = lib.sources[e.quiz.path].where(("questions", e.q.index, "id")) if e.quiz.path in lib.sources else None
        out.append(Row(e, f"{e.quiz.path}:{pos[0] + 1}:{pos[1] + 1}" if pos else e.quiz.path))
    return out


def counts(entries: list[Entry]) -> dict:
    by_state = Counter(e.state for e in entries)
    by_type = {t: Counter(e.state for e in entries if e.q.type == t) for t in TYPES}
    auto = [e for e in entries if e.grounding is not None and e.q.type != "判断"]
    return {"total": len(entries), "states": {s: by_state.get(s, 0) for s in STATES},
            "types": {t: {"total": sum(c.values()), **{s: c.get(s, 0) for s in STATES}}
                      for t, c in by_type.items() if c},
            "grounded": len(auto), "settled": sum(1 for e in auto if e.grounding.verified),
            "errors": sum(1 for e in entries if e.errors)}


def skewed(lib) -> list[str]:
    """Banks whose answer letters a member could guess: one letter or one combination dominating."""
    out = []
    for quiz in lib.quizzes.values():
        for qtype in ("单选", "多选"):
            answers = ["".join(q.answer) for q in quiz.questions if q.type == qtype]
            if len(answers) < SKEW_MIN:
                continue
            top, n = Counter(answers).most_common(1)[0]
            if n / len(answers) > SKEW_SHARE:
                spread = "、".join(f"{k} {v} 题" for k, v in sorted(Counter(answers).items()))
                out.append(f"{quiz.path}: {qtype}题答案字母偏斜：{len(answers)} 题中 {n} 题的答案是 {top}"
                           f"（{spread}）。网站上的练习、模拟考试和打印的试卷都会打乱选项顺序，"
                           "但表格导出和其他单位转用题库时仍按文件中的字母，建议调整选项顺序")
    return out
