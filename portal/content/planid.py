"""The study plan's id: which plan a member's exported 学习记录 was made under.

Exports carry it (`plan` in the file, see quiz-core.js) and the 学习台账 compares it
with the current plan's to say when the plan changed after members studied. It is
the start date and a short digest of the weeks' regulations and quizzes, so editing
a week's note or title does not change it but moving, adding or replacing a week does.
"""
from __future__ import annotations

import hashlib
import json


def plan_id(plan) -> str | None:
    """"2026-09-07-1a2b3c4d" for a StudyPlan (or None when there is no plan)."""
    if plan is None:
        return None
    weeks = [[w.regulation, w.quiz or ""] for w in plan.weeks]
    digest = hashlib.sha256(json.dumps(weeks, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return f"{plan.start.isoformat()}-{digest.hexdigest()[:8]}"
