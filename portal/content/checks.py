"""Cross-file checks, one rule per function (run after every file is loaded)."""
from __future__ import annotations

from portal.content import imagefiles
from portal.content.a11ychecks import (  # noqa: F401 (run below)
    check_brand_image_alt,
    check_brand_unbreakable_text,
    check_markdown_image_alt,
    check_study_wide_tables,
)
from portal.content.library import Library
from portal.content.problems import Problem


def check_superseded_by(lib: Library) -> None:
    for reg in lib.regulations.values():
        if reg.superseded_by and reg.superseded_by not in lib.regulations:
            lib.at(reg.path, ("superseded_by",), f"“superseded_by”指向的法规“{reg.superseded_by}”不存在")
        if reg.superseded_by == reg.id:
            lib.at(reg.path, ("superseded_by",), "“superseded_by”不能指向自己")


def check_key_articles(lib: Library) -> None:
    for reg in lib.regulations.values():
        count = len(reg.parsed.articles)
        for i, n in enumerate(reg.key_articles):
            if reg.article(n) is None:
                lib.at(reg.path, ("key_articles", i), f"学习要点中的第{n}条不存在（本法规共 {count} 条）")


def check_note_articles(lib: Library) -> None:
    for reg in lib.regulations.values():
        for n in reg.notes:
            if reg.article(n) is None:
                lib.at(reg.path, ("notes", n), f"学习笔记对应的第{n}条不存在（本法规共 {len(reg.parsed.articles)} 条）", key=True)


def check_unique_titles(lib: Library) -> None:
    seen: dict[str, str] = {}
    for reg in lib.regulations.values():
        if reg.title in seen and reg.status == "有效" and lib.regulations[seen[reg.title]].status == "有效":
            lib.at(reg.path, ("title",), f"与“{seen[reg.title]}”标题相同且都为有效：旧版本请把状态改为“已修改”或“已废止”",
                   warning=True)
        seen.setdefault(reg.title, reg.id)


def check_question_ids_unique(lib: Library) -> None:
    first: dict[str, str] = {}
    for quiz in lib.quizzes.values():
        for qid, index in quiz.question_ids:
            if qid in first:
                lib.at(quiz.path, ("questions", index, "id"),
                       f"题目编号“{qid}”重复：{first[qid]} 中已经使用（题目编号在所有题库中必须唯一）")
            else:
                first[qid] = quiz.path


def check_citations(lib: Library) -> None:
    for quiz in lib.quizzes.values():
        for q in quiz.questions:
            if q.cite:
                _check_cite(lib, quiz.path, ("questions", q.index, "source"), q.source)
    for coll in lib.qa.values():
        for item in coll.items:
            for j, ref in enumerate(item.refs):
                _check_cite(lib, coll.path, ("items", item.index, "refs", j), ref)


def _check_cite(lib: Library, path: str, where: tuple, cite: str) -> None:
    reg_id, _, num = cite.partition("#")
    reg = lib.regulations.get(reg_id)
    if reg is None:
        lib.at(path, where, f"出处“{cite}”中的法规“{reg_id}”不存在")
    elif reg.article(int(num)) is None:
        lib.at(path, where, f"出处“{cite}”：《{reg.title}》没有第{num}条（共 {len(reg.parsed.articles)} 条）")


def check_quiz_regulation(lib: Library) -> None:
    for quiz in lib.quizzes.values():
        if quiz.regulation and quiz.regulation not in lib.regulations:
            lib.at(quiz.path, ("regulation",), f"“regulation”指向的法规“{quiz.regulation}”不存在")


def check_draw_rules(lib: Library) -> None:
    bank = [q for quiz in lib.quizzes.values() for q in quiz.questions]
    for quiz in lib.quizzes.values():
        for i, rule in enumerate(quiz.draw):
            pool = [q for q in bank if q.type == rule.type and
                    (not rule.tags or set(rule.tags) & set(lib.quizzes[q.quiz_id].tags))]
            if len(pool) < rule.count:
                lib.at(quiz.path, ("draw", i, "count"),
                       f"题库中只有 {len(pool)} 道符合条件的{rule.type}题，不够抽 {rule.count} 道")


def check_plan_references(lib: Library) -> None:
    plan = lib.plan
    if plan is None:
        return
    for i, week in enumerate(plan.weeks):
        reg = lib.regulations.get(week.regulation)
        if reg is None:
            lib.at(plan.path, ("weeks", i, "regulation"), f"第{i + 1}周的法规“{week.regulation}”不存在")
        if week.quiz and week.quiz not in lib.quizzes:
            lib.at(plan.path, ("weeks", i, "quiz"), f"第{i + 1}周的测试“{week.quiz}”不存在")
        for j, n in enumerate(week.focus):
            if reg is not None and reg.article(n) is None:
                lib.at(plan.path, ("weeks", i, "focus", j), f"第{i + 1}周的重点条文第{n}条在《{reg.title}》中不存在")


def check_qa_item_ids(lib: Library) -> None:
    for coll in lib.qa.values():
        seen: set[str] = set()
        for item in coll.items:
            if item.id in seen:
                lib.at(coll.path, ("items", item.index, "id"), f"问答编号“{item.id}”在本文件中重复")
            seen.add(item.id)


def check_brand_images(lib: Library) -> None:
    base = lib.root / "brands"
    for brand in lib.brands.values():
        images = ([("logo",)] if brand.logo else []) + [("photos", i) for i in range(len(brand.photos))]
        for where in images:
            rel = brand.logo if where == ("logo",) else brand.photos[where[1]]
            target = (base / rel).resolve()
            if not target.is_relative_to(base.resolve()):
                lib.at(brand.path, where, f"图片路径“{rel}”不能指向 brands/ 以外")
            elif not target.is_file():
                lib.at(brand.path, where, f"图片“{rel}”不存在（路径相对于 brands/）")


def check_brand_image_formats(lib: Library) -> None:
    for brand in lib.brands.values():
        for where, rel, path in imagefiles.brand_image_paths(lib.root, brand):
            problem = imagefiles.image_problem(path, logo=where == ("logo",))
            if problem:
                lib.at(brand.path, where, f"图片“{rel}”：{problem}")


def check_brand_image_sizes(lib: Library) -> None:
    for brand in lib.brands.values():
        for where, rel, path in imagefiles.brand_image_paths(lib.root, brand):
            size = path.stat().st_size
            if size > imagefiles.SIZE_BUDGET:
                lib.at(brand.path, where, imagefiles.size_advice(rel, size), warning=True)


def check_qa_page_names(lib: Library) -> None:
    study = lib.root / "docs" / "study"
    for coll in lib.qa.values():
        if (study / f"{coll.id}.md").is_file():
            lib.problems.append(Problem(coll.path, None, None, f"学习问答编号“{coll.id}”与学习资料页面 "
                                        f"docs/study/{coll.id}.md 的地址 study/{coll.id}/ 相同，请换一个文件名"))


CHECKS = [value for name, value in sorted(globals().items()) if name.startswith("check_")]


def run_checks(lib: Library) -> None:
    for check in CHECKS:
        check(lib)
