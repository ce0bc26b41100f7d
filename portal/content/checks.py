"""Cross-file checks, one rule per function (run after every file is loaded)."""
from __future__ import annotations

from datetime import date

from portal.content import imagefiles, terms
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


def check_excerpt_scope(lib: Library) -> None:
    for reg in lib.regulations.values():
        if "节选" in (reg.source or "") and not reg.excerpt:
            lib.at(reg.path, ("source",), "来源注明了“节选”：请用“excerpt”写明本页收录了哪些条文，"
                                          "如 excerpt: 第一章总则，第一条至第三条", key=True)


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
    for cl in lib.checklists.values():
        for item in cl.items:
            if item.cite:
                _check_cite(lib, cl.path, item.where + ("cite",), item.cite)


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


def check_checklist_item_ids(lib: Library) -> None:
    for cl in lib.checklists.values():
        first: dict[str, tuple] = {}
        for item in cl.items:
            if item.id in first:
                line = lib.sources[cl.path].where(first[item.id] + ("id",))
                lib.at(cl.path, item.where + ("id",), f"条目编号“{item.id}”在本清单中重复（第{line[0] + 1}行已经使用）"
                       if line else f"条目编号“{item.id}”在本清单中重复")
            else:
                first[item.id] = item.where


def check_checklist_scores(lib: Library) -> None:
    for cl in lib.checklists.values():
        if cl.kind != "创建标准":
            continue
        for item in cl.items:
            if item.score is None:
                lib.at(cl.path, item.where + ("id",), f"创建标准的每一项都要写“score”（分值），条目“{item.id}”没有写",
                       key=True)
        total = sum(item.score or 0 for item in cl.items)
        if cl.pass_score and cl.pass_score > total:
            lib.at(cl.path, ("pass_score",), f"达标分数 {cl.pass_score} 超过了各项分值之和 {total}")


def check_organization_names(lib: Library) -> None:
    first: dict[str, str] = {}
    for org in lib.organizations:
        if org.name in first:
            lib.at(org.path, ("organizations", org.index, "name"), f"党组织“{org.name}”重复：{first[org.name]}中已经登记")
        else:
            first[org.name] = f"{org.path} 第{org.index + 1}项"


def check_election_dates(lib: Library, today: date | None = None) -> None:
    today = today or terms.today()
    for org in lib.organizations:
        where = ("organizations", org.index)
        if org.elected > today:
            lib.at(org.path, where + ("elected",), f"上次换届日期 {org.elected.isoformat()} 在今天"
                   f"（{today.isoformat()}）之后：请填写已经召开的选举大会的日期")
        elif org.term_end < today:
            days = terms.days_left(org.term_end, today)
            lib.at(org.path, where + ("name",), f"“{org.name}”任期已于 {org.term_end.isoformat()} 届满"
                   f"（已超过 {-days} 天），请督促按期换届", warning=True)


CHECKS = [value for name, value in sorted(globals().items()) if name.startswith("check_")]


def run_checks(lib: Library) -> None:
    for check in CHECKS:
        check(lib)
