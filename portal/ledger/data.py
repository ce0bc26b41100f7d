"""The plan as the ledger needs it (page JSON, the command, fixtures share its shape)."""
from __future__ import annotations

from portal.content.planid import plan_id


def plan_data(lib) -> dict | None:
    """{"id", "title", "start", "weeks": [{"regulation", "quiz", "regTitle", "quizTitle"}], "quizzes": {id: title}}."""
    plan = lib.plan
    if plan is None:
        return None
    weeks = []
    for w in plan.weeks:
        reg = lib.regulations.get(w.regulation)
        quiz = lib.quizzes.get(w.quiz) if w.quiz else None
        weeks.append({"regulation": w.regulation, "quiz": w.quiz or None,
                      "regTitle": (reg.short_title or reg.display_title) if reg else w.regulation,
                      "quizTitle": quiz.title if quiz else None})
    return {"id": plan_id(plan), "title": plan.title, "start": plan.start.isoformat(), "weeks": weeks,
            "quizzes": {q.id: q.title for q in lib.quizzes.values()}}
