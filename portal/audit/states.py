"""Every question's audit state, from the content and the review record.

已核实      grounded automatically against the cited article as it is now
已确认      a person confirmed it, and neither the article's text nor the question changed since
待确认      never confirmed (or the question changed since), and not settled automatically
条文已修订  confirmed, but the cited article's text has changed since
引用已失效  the cited regulation is superseded or repealed, or the article no longer exists
"""
from __future__ import annotations

from dataclasses import dataclass, field

from portal.audit.confirmations import Confirmation, Record, question_fingerprint
from portal.audit.grounding import Grounding, ground
from portal.audit.normalise import article_text, fingerprint
from portal.content.models import Question, Quiz, Regulation

VERIFIED, CONFIRMED, PENDING, REVISED, STALE = "已核实", "已确认", "待确认", "条文已修订", "引用已失效"
STATES = (VERIFIED, CONFIRMED, PENDING, REVISED, STALE)
GONE = ("已修改", "已废止")


@dataclass
class Entry:
    q: Question
    quiz: Quiz
    state: str
    reasons: list[str] = field(default_factory=list)   # why it is not settled (Chinese)
    grounding: Grounding | None = None
    successor: Regulation | None = None
    confirmation: Confirmation | None = None

    @property
    def errors(self) -> list[tuple[tuple, str]]:
        return self.grounding.errors if self.grounding else []


def successor(lib, reg: Regulation) -> Regulation | None:
    """The newest version along `superseded_by` (None when none is given or known)."""
    seen, found = {reg.id}, None
    while reg.superseded_by and reg.superseded_by in lib.regulations and reg.superseded_by not in seen:
        reg = found = lib.regulations[reg.superseded_by]
        seen.add(reg.id)
    return found


def article_fingerprint(lib, q: Question) -> str:
    """Fingerprint of the cited article's normalised text ("-" without a citation)."""
    if not q.cite:
        return "-"
    reg = lib.regulations.get(q.cite[0])
    art = reg.article(q.cite[1]) if reg else None
    return fingerprint(article_text(art)) if art else "-"


def assess(lib, record: Record) -> list[Entry]:
    out = []
    for quiz in lib.quizzes.values():
        for q in quiz.questions:
            out.append(_assess(lib, record, quiz, q))
    return out


def _assess(lib, record: Record, quiz: Quiz, q: Question) -> Entry:
    conf = record.entries.get(q.id)
    entry = Entry(q, quiz, PENDING, confirmation=conf)
    if not q.cite:
        entry.reasons.append("没有出处（source），无法对照条文核对")
        return _confirmed(lib, entry, conf, q)
    reg = lib.regulations.get(q.cite[0])
    art = reg.article(q.cite[1]) if reg else None
    if reg is None or art is None:
        entry.state = STALE
        entry.reasons.append(f"出处“{q.source}”所指的" + ("法规不存在" if reg is None else "条文不存在"))
        return entry
    if reg.status in GONE or reg.superseded_by:
        entry.state, entry.successor = STALE, successor(lib, reg)
        new = f"，已由《{entry.successor.title}》取代" if entry.successor else ""
        entry.reasons.append(f"所引《{reg.title}》{reg.status if reg.status in GONE else '已有新版本'}{new}")
        return entry
    entry.grounding = ground(q, reg, art)
    if entry.grounding.verified:
        entry.state = VERIFIED
        return entry
    entry.reasons.extend(entry.grounding.reasons)
    return _confirmed(lib, entry, conf, q)


def _confirmed(lib, entry: Entry, conf: Confirmation | None, q: Question) -> Entry:
    if entry.errors or conf is None:
        return entry
    if conf.question != question_fingerprint(q) or (conf.article or None) != (q.source or None):
        entry.reasons.insert(0, f"{conf.date} 确认之后题目或出处有改动，需要重新确认")
        return entry
    if conf.text != article_fingerprint(lib, q):
        entry.state = REVISED
        entry.reasons.insert(0, f"{conf.date} 确认之后所引条文的文字有改动")
        return entry
    entry.state = CONFIRMED
    return entry
