"""Importer on small hand-written samples (not real regulations)."""
from datetime import date

import pytest
from ruamel.yaml import YAML

from portal.regulations.importer import (
    ImportProblem, decode, derive_category, derive_dates, derive_issuer, make_id,
    new_regulation, read_official_text, regulation_yaml,
)

SPLIT_NOTE = (
    "示范工作条例\n"
    "（2020年3月1日示范委员会会议审议批准\n"
    "2020年3月9日示范委员会发布）\n"
    "第一章　总则\n"
    "第一条　为了示范，制定本条例。\n"
)


def load(text: str) -> dict:
    return YAML(typ="rt").load(text)


def test_split_note_is_joined_with_one_space():
    o = read_official_text(SPLIT_NOTE)
    assert o.title == "示范工作条例" and o.trial is False
    assert o.note == "（2020年3月1日示范委员会会议审议批准 2020年3月9日示范委员会发布）"
    assert o.body == "第一章　总则\n第一条　为了示范，制定本条例。\n"


def test_one_line_note():
    o = read_official_text("示范规定\n（2021年5月4日甲机关发布）\n\n第一条 内容。")
    assert o.note == "（2021年5月4日甲机关发布）"
    assert o.body == "第一条 内容。\n"


def test_no_note():
    o = read_official_text("示范办法\n第一章 总则\n第一条 内容。\n")
    assert o.note is None
    assert o.body.startswith("第一章 总则\n")


def test_no_note_before_preamble_title():
    o = read_official_text("示范章程\n总　纲\n序段落。\n第一章 成员\n第一条 内容。")
    assert o.note is None and o.body.startswith("总　纲\n")


def test_unparenthesised_adoption_line():
    o = read_official_text("示范会章程\n示范会第三次代表大会部分修改，2019年6月1日通过\n总　纲\n序。")
    assert o.note == "示范会第三次代表大会部分修改，2019年6月1日通过"
    assert o.body == "总　纲\n序。\n"


def test_first_preamble_paragraph_is_not_a_note():
    o = read_official_text("示范准则\n为了示范，制定本准则。\n成员规范\n第一条 内容。")
    assert o.note is None and o.body.startswith("为了示范")


def test_trial_title_kept_as_printed():
    o = read_official_text("示范细则（试行）\n第一条 内容。")
    assert o.title == "示范细则（试行）" and o.trial is True
    assert read_official_text("关于试行工作的规定\n第一条 内容。").trial is False


def test_bom_crlf_trailing_space_and_blank_edges():
    raw = "\ufeff\r\n 示范规则  \r\n（2022年1月2日乙机关发布）\r\n\r\n第一条 甲。 \u3000\r\n\u3000\u3000乙。\r\n\r\n\r\n"
    o = read_official_text(raw)
    assert o.title == "示范规则" and o.note == "（2022年1月2日乙机关发布）"
    assert o.body == "第一条 甲。\n\u3000\u3000乙。\n"


def test_empty_file_is_a_problem():
    with pytest.raises(ImportProblem):
        read_official_text("\ufeff\n  \n")


def test_decode_utf8_bom_gbk_and_garbage():
    assert decode("\ufeff示范".encode("utf-8")) == "示范"
    assert decode("示范条例\n第一条 内容。".encode("gbk")) == "示范条例\n第一条 内容。"
    with pytest.raises(ImportProblem, match="不是 UTF-8 或 GBK"):
        decode(b"\xff\xfe\x00\x00\xff")


@pytest.mark.parametrize("title, category", [
    ("示范会章程", "党章"), ("示范准则", "准则"), ("示范工作条例", "条例"),
    ("示范议事规则", "规则"), ("示范若干规定", "规定"), ("示范管理办法", "办法"),
    ("示范实施细则", "细则"), ("示范工作条例（试行）", "条例"), ("示范规定(试行)", "规定"),
    ("关于示范的意见", "其他"),
])
def test_derive_category(title, category):
    assert derive_category(title) == category


@pytest.mark.parametrize("note, issuer", [
    ("（2020年3月1日甲会议审议批准 2020年3月9日中共中央发布）", ["中共中央"]),
    ("（2013年1月2日甲批准　2013年2月3日中共中央、国务院发布 2024年5月6日中共中央办公厅发布）",
     ["中共中央办公厅"]),
    ("（2019年1月1日中共中央、国务院发布）", ["中共中央", "国务院"]),
    ("示范会部分修改，2019年6月1日通过", None),
    ("（2018年修订，自2018年10月1日起施行）", None),
    (None, None),
])
def test_derive_issuer(note, issuer):
    assert derive_issuer(note) == issuer


def test_derive_dates_from_note():
    assert derive_dates("（2020年3月1日甲审议批准 2020年3月9日乙发布）") == (date(2020, 3, 9), None)
    assert derive_dates("示范会部分修改，2019年6月1日通过") == (date(2019, 6, 1), None)
    assert derive_dates("（2018年修订，自2018年10月1日起施行）") == (None, date(2018, 10, 1))
    assert derive_dates("（2021年1月5日乙发布，自2021年3月1日起施行）") == (
        date(2021, 1, 5), date(2021, 3, 1))
    assert derive_dates(None) == (None, None)


def test_published_unknown_when_revised_after_last_issue():
    note = "（2010年4月1日甲审议批准 2010年6月4日乙发布 2019年11月2日甲会议修订）"
    assert derive_dates(note) == (None, None)


def test_effective_from_the_body():
    body = "第一条 甲。\n第九条 本条例自2021年7月1日起施行。\n"
    assert derive_dates(None, body) == (None, date(2021, 7, 1))
    body = "第九条 本条例自发布之日起施行。\n"
    assert derive_dates("（2022年2月2日乙发布）", body) == (date(2022, 2, 2), date(2022, 2, 2))
    # the 题注 wins over the body
    assert derive_dates("（自2020年1月1日起施行）", "本条例自2021年7月1日起施行。")[1] == date(2020, 1, 1)


def test_make_id():
    assert make_id("党史学习教育工作条例", 2024) == "dsxxjygztl-2024"
    assert make_id("中国共产党党史学习教育工作条例", 2024) == "dsxxjygztl-2024"
    assert make_id("党史学习教育工作条例（试行）") == "dsxxjygztl"
    assert make_id("中国共产党章程", 2022) == "zggcdzc-2022"   # prefix kept: not just "zc"
    assert make_id("《示范》ABC２０条例") == "sfabc20tl"


SAMPLE_TEXT = (
    "总　纲\n"
    "序段落：含冒号 # 和 '引号'。\n"
    "\n"
    "第一章　总则\n"
    "第一条　内容。\n"
    "  以空格开头的一行\n"
)


def test_regulation_yaml_round_trip_and_key_order():
    text = regulation_yaml(
        title="示范: 工作条例（试行）", category="条例", issuer=["中共中央", "国务院"],
        status="有效", text=SAMPLE_TEXT, short_title="示范条例", trial=True,
        published=date(2020, 1, 5), effective=date(2020, 1, 5),
        note="（2020年1月5日中共中央、国务院发布）", source="新华社 2020年1月5日电")
    assert text.startswith("# yaml-language-server: $schema=../schemas/regulation.schema.json\n")
    assert "\ntext: |" in text and "&" not in text
    data = load(text)
    assert list(data) == ["title", "short_title", "category", "trial", "issuer", "published",
                          "effective", "status", "note", "source", "text"]
    assert data["title"] == "示范: 工作条例（试行）"
    assert data["note"] == "（2020年1月5日中共中央、国务院发布）"
    assert data["text"] == SAMPLE_TEXT
    assert list(data["issuer"]) == ["中共中央", "国务院"]
    assert data["published"] == date(2020, 1, 5) and data["effective"] == date(2020, 1, 5)


def test_regulation_yaml_minimal_and_long_lines_not_folded():
    long_line = "第一条　" + "很长的条文内容，" * 200 + "完。"
    text = regulation_yaml(title="示范规定", category="规定", issuer=["甲机关"],
                           status="有效", text=long_line)
    data = load(text)
    assert list(data) == ["title", "category", "issuer", "status", "text"]
    assert data["issuer"] == "甲机关"
    assert data["text"] == long_line + "\n"
    assert long_line in text.splitlines()[-1]


def write(tmp_path, content, name="src.txt", encoding="utf-8"):
    src = tmp_path / name
    src.write_bytes(content.encode(encoding))
    return src


def test_new_regulation_writes_derived_file(tmp_path):
    src = write(tmp_path, SPLIT_NOTE.replace("示范委员会发布", "中共中央发布"))
    root = tmp_path / "site"
    res = new_regulation(src, root)
    assert res.id == "sfgztl-2020"
    assert res.path == root / "regulations" / "sfgztl-2020.yml"
    assert (res.category, res.issuer, res.published, res.articles, res.problems) == (
        "条例", ["中共中央"], date(2020, 3, 9), 1, [])
    data = load(res.path.read_text(encoding="utf-8"))
    assert data["status"] == "有效" and data["issuer"] == "中共中央"
    assert data["text"] == read_official_text(SPLIT_NOTE).body


def test_new_regulation_options_override(tmp_path):
    src = write(tmp_path, SPLIT_NOTE, encoding="gb18030")
    res = new_regulation(src, tmp_path, id="shifan", issuer="甲、乙", category="其他",
                         status="尚未生效", source="示范来源")
    data = load(res.path.read_text(encoding="utf-8"))
    assert res.path.name == "shifan.yml"
    assert list(data["issuer"]) == ["甲", "乙"]
    assert (data["category"], data["status"], data["source"]) == ("其他", "尚未生效", "示范来源")


def test_new_regulation_refuses_to_overwrite(tmp_path):
    src = write(tmp_path, SPLIT_NOTE)
    first = new_regulation(src, tmp_path, issuer="甲")
    first.path.write_text("edited", encoding="utf-8")
    with pytest.raises(ImportProblem, match="已存在"):
        new_regulation(src, tmp_path, issuer="甲")
    assert first.path.read_text(encoding="utf-8") == "edited"
    new_regulation(src, tmp_path, issuer="甲", force=True)
    assert first.path.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_new_regulation_missing_issuer(tmp_path):
    src = write(tmp_path, "示范办法\n第一条 内容。\n")
    with pytest.raises(ImportProblem, match="--issuer"):
        new_regulation(src, tmp_path)
    assert not (tmp_path / "regulations").exists()


@pytest.mark.parametrize("kwargs, word", [
    ({"category": "通知"}, "--category"), ({"status": "有用"}, "--status"),
    ({"id": "Bad_Id"}, "--id"),
])
def test_new_regulation_rejects_bad_options(tmp_path, kwargs, word):
    src = write(tmp_path, SPLIT_NOTE)
    with pytest.raises(ImportProblem, match=word):
        new_regulation(src, tmp_path, issuer="甲", **kwargs)


def test_new_regulation_bad_encoding_and_missing_file(tmp_path):
    src = tmp_path / "x.txt"
    src.write_bytes(b"\xff\xfe\x00\x00\xff")
    with pytest.raises(ImportProblem, match="编码"):
        new_regulation(src, tmp_path, issuer="甲")
    with pytest.raises(ImportProblem, match="无法读取"):
        new_regulation(tmp_path / "nope.txt", tmp_path, issuer="甲")


def test_new_regulation_reports_text_problems(tmp_path):
    src = write(tmp_path, "示范办法\n第一条 甲。\n第三条 丙。\n")
    res = new_regulation(src, tmp_path, issuer="甲")
    assert [p.line for p in res.problems] == [1]
    assert res.path.exists()
