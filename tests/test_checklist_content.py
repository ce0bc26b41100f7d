"""Checklists and the 换届 register as content: errors at file:line:col, citations
checked like quiz citations, overdue terms warned about, `new checklist`."""
from __future__ import annotations

from datetime import date, timedelta

from conftest import REG, ROOT, check, run_portal
from portal.content import terms
from portal.content.loader import load

LIST = """\
title: 示例自查清单
kind: 标准化
sections:
  - title: 组织设置
    items:
      - id: zz-01
        text: 设立支部委员会。
        cite: shili#2
      - id: zz-02
        text: 按期换届。
        cite: shili#9
  - title: 组织生活
    items:
      - id: zz-01
        text: 按月开展主题党日。
        cite: meiyou#1
"""


def register(elected: str, term: str = "") -> str:
    return f"""\
title: 示例名册
organizations:
  - name: 示例党支部
    kind: 党支部
    unit: 示例局
    elected: {elected}
{term}"""


def test_citations_and_duplicate_ids_are_reported_at_their_lines(project):
    result = check(project({"regulations/shili.yml": REG, "checklists/shili-qingdan.yml": LIST}))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "checklists/shili-qingdan.yml:11:15: 出处“shili#9”：《示例工作条例》没有第9条（共 2 条）",
        "checklists/shili-qingdan.yml:14:13: 条目编号“zz-01”在本清单中重复（第6行已经使用）",
        "checklists/shili-qingdan.yml:16:15: 出处“meiyou#1”中的法规“meiyou”不存在",
        "共发现 3 处错误，构建已停止，未发布任何内容。"]


def test_cite_format_and_kind_are_validated(project):
    bad = LIST.replace("kind: 标准化", "kind: 两化").replace("cite: shili#2", "cite: 第二条")
    result = check(project({"regulations/shili.yml": REG, "checklists/shili-qingdan.yml": bad}))
    assert "checklists/shili-qingdan.yml:2:7: “kind”（清单类别）的值文字“两化”无效，可选：标准化、规范化、创建标准、季督导、责任清单" in result.stderr
    assert "checklists/shili-qingdan.yml:8:15: “cite”（依据）的值“第二条”格式不对：格式为“法规编号#条号”" in result.stderr


def test_a_creation_standard_needs_a_score_on_every_item(project):
    text = LIST.replace("kind: 标准化", "kind: 创建标准\npass_score: 90").replace("cite: shili#9", "cite: shili#1\n        score: 10")
    text = text.replace("zz-01\n        text: 按月", "zz-03\n        text: 按月").replace("meiyou#1", "shili#1\n        score: 20")
    result = check(project({"regulations/shili.yml": REG, "checklists/shili-qingdan.yml": text}))
    lines = result.stderr.splitlines()
    assert "checklists/shili-qingdan.yml:7:9: 创建标准的每一项都要写“score”（分值），条目“zz-01”没有写" in lines
    assert "checklists/shili-qingdan.yml:3:13: 达标分数 90 超过了各项分值之和 30" in lines


def test_terms_of_0_or_50_years_are_refused(project):
    root = project({"organizations/mingce.yml": register("2024-03-01", "    term: 0\n"),
                    "organizations/ling.yml": register("2024-03-01", "    term: 50\n").replace("示例党支部", "另一个")})
    lines = check(root).stderr.splitlines()
    assert "organizations/mingce.yml:7:11: “term”（任期（年））应不小于 3且不大于 5，这里是 0" in lines
    assert "organizations/ling.yml:7:11: “term”（任期（年））应不小于 3且不大于 5，这里是 50" in lines


def test_an_election_in_the_future_is_an_error(project):
    tomorrow = terms.today() + timedelta(days=1)
    result = check(project({"organizations/mingce.yml": register(tomorrow.isoformat())}))
    assert result.returncode == 1
    assert (f"organizations/mingce.yml:6:14: 上次换届日期 {tomorrow.isoformat()} 在今天（{terms.today().isoformat()}）"
            "之后：请填写已经召开的选举大会的日期") in result.stderr


def test_an_overdue_term_is_a_warning_and_the_check_passes(project):
    result = check(project({"organizations/mingce.yml": register("2020-01-15")}))
    assert result.returncode == 0, result.stderr
    days = (terms.today() - date(2023, 1, 15)).days
    assert f"organizations/mingce.yml:3:11: 警告：“示例党支部”任期已于 2023-01-15 届满（已超过 {days} 天），请督促按期换届" in result.stderr
    assert "党组织 1 个" in result.stdout


def test_terms_default_by_kind_and_duplicates_are_named(project):
    text = register("2024-02-29") + "  - name: 示例党委\n    kind: 党委\n    unit: 示例局\n    elected: 2024-02-29\n" \
        "  - name: 示例党支部\n    kind: 党支部\n    unit: 示例局\n    elected: 2025-01-02\n    term: 4\n"
    root = project({"organizations/mingce.yml": text})
    lib = load(root)
    branch, committee, again = lib.organizations
    assert (branch.term, branch.term_end) == (3, date(2027, 2, 28))
    assert (committee.term, committee.term_end) == (5, date(2029, 2, 28))
    assert (again.term, again.term_end) == (4, date(2029, 1, 2))
    assert [str(p) for p in lib.errors] == [
        "organizations/mingce.yml:11:11: 党组织“示例党支部”重复：organizations/mingce.yml 第1项中已经登记"]


def test_the_samples_pass_and_articles_know_the_items_citing_them():
    lib = load(ROOT)
    assert not lib.errors, lib.errors
    assert {c.kind for c in lib.checklists.values()} >= {"标准化", "创建标准", "季督导"}
    assert sum(i.score for i in lib.checklists["shifan-zhibu-chuangjian"].items) == 100
    cited = lib.checklist_citations["zhibu-gongzuo-tiaoli"][3]
    assert ("zhibu-liang-hua-zicha", "zz-04") in [(c.id, i.id) for c, i in cited]


def test_new_checklist_writes_a_template_the_check_explains(project):
    root = project({"regulations/shili.yml": REG})
    made = run_portal("--root", str(root), "new", "checklist", "--id", "2026-q3-ducha", "--kind", "创建标准")
    assert made.returncode == 0, made.stderr
    text = (root / "checklists" / "2026-q3-ducha.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/checklist.schema.json")
    assert "pass_score:" in text and "        score:\n" in text and text.endswith("\n")
    result = check(root)
    assert "checklists/2026-q3-ducha.yml:14:8: “title”（标题）不能为空" in result.stderr
    again = run_portal("--root", str(root), "new", "checklist", "--id", "2026-q3-ducha")
    assert again.returncode == 1 and "已存在，没有覆盖" in again.stderr
    reserved = run_portal("--root", str(root), "new", "checklist", "--id", "huanjie")
    assert reserved.returncode == 1 and "已被换届提醒占用" in reserved.stderr


def test_the_guides_examples_pass_the_check(project):
    import re
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    checklist = next(b for b in blocks if b.startswith("title:") and "sections:" in b)
    register_ = next(b for b in blocks if "organizations:" in b)
    root = project({"checklists/2026-q3-ducha.yml": checklist, "organizations/mingce.yml": register_})
    for p in (ROOT / "regulations").glob("*.yml"):
        if p.name != "study-plan.yml":
            (root / "regulations" / p.name).write_bytes(p.read_bytes())
    result = check(root)
    assert result.returncode == 0, result.stderr
    lib = load(root)
    assert lib.checklists["2026-q3-ducha"].items[0].cite == "zhibu-gongzuo-tiaoli#3"
    assert [o.term for o in lib.organizations] == [3, 5]


def test_hostile_text_is_escaped_on_every_page(project):
    from portal.checklists import pages
    from portal.checklists import register as reminders
    evil = "<script>alert(1)</script>"
    text = LIST.replace("示例自查清单", evil).replace("组织设置", evil).replace("设立支部委员会。", evil) \
        .replace("cite: shili#9", f"basis: \"{evil}\"\n        evidence: [\"{evil}\"]\n        owner: \"{evil}\"") \
        .replace("cite: meiyou#1", "cite: shili#1").replace("zz-01\n        text: 按月", "zz-03\n        text: 按月")
    root = project({"regulations/shili.yml": REG, "checklists/e.yml": text,
                    "organizations/m.yml": register("2024-01-02").replace("示例党支部", evil).replace("示例局", evil)})
    lib = load(root)
    assert not lib.errors, lib.errors
    for page in (pages.checklist_page(lib, lib.checklists["e"]), pages.index_page(lib), pages.overview_page(lib),
                 reminders.page(lib)):
        assert "<script>alert" not in page
    assert "&lt;script&gt;" in pages.checklist_page(lib, lib.checklists["e"])


def test_today_is_chinas_date_unless_portal_today_fixes_it(monkeypatch):
    monkeypatch.setenv("PORTAL_TODAY", "2028-02-29")
    assert terms.today() == date(2028, 2, 29)
    monkeypatch.setenv("PORTAL_TODAY", "2027-02-29")        # not a date: the real today
    from datetime import datetime
    assert terms.today() == datetime.now(terms.CHINA).date()
