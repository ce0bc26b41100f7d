"""parse_text on small hand-written texts (not real regulations)."""
from hypothesis import given, strategies as st

from portal.content.models import Article, Heading, Paragraph, PreambleParagraph
from portal.content.numerals import int_to_cn
from portal.content.regtext import parse_text, starts_body


def lines(*rows: str) -> str:
    return "\n".join(rows)


def kinds(parsed):
    out = []
    for b in parsed.blocks:
        if isinstance(b, Heading):
            out.append((b.level, b.label, b.title, b.line))
        elif isinstance(b, Article):
            out.append(("article", b.number, b.line))
        else:
            out.append(("preamble", b.line))
    return out


def messages(parsed):
    return [(p.line, p.col, p.message) for p in parsed.problems]


def test_bian_zhang_jie_nesting_and_articles():
    text = lines(
        "第一编　总则",
        "第一章　一般规定",
        "第一节　目的",
        "第一条　为了示范，制定本办法。",
        "第二节　范围",
        "第二条　本办法适用于示例单位。",
        "第二章　附则",
        "第三条　本办法自发布之日起施行。",
        "第二编　分则",
        "第三章　具体规定",
        "第四条　示例内容。",
    )
    p = parse_text(text)
    assert p.problems == []
    assert kinds(p) == [
        ("bian", "第一编", "总则", 0), ("zhang", "第一章", "一般规定", 1),
        ("jie", "第一节", "目的", 2), ("article", 1, 3),
        ("jie", "第二节", "范围", 4), ("article", 2, 5),
        ("zhang", "第二章", "附则", 6), ("article", 3, 7),
        ("bian", "第二编", "分则", 8), ("zhang", "第三章", "具体规定", 9),
        ("article", 4, 10),
    ]


def test_levels_are_optional():
    only_articles = parse_text(lines("第一条 甲。", "第二条 乙。"))
    assert [a.number for a in only_articles.articles] == [1, 2]
    assert only_articles.headings == [] and only_articles.problems == []
    sections_only = parse_text(lines("第一节 甲", "第一条 甲。", "第二节 乙", "第二条 乙。"))
    assert [h.level for h in sections_only.headings] == ["jie", "jie"]
    assert sections_only.problems == []


def test_chapters_may_restart_under_a_new_bian():
    p = parse_text(lines("第一编 上", "第一章 甲", "第一条 甲。",
                         "第二编 下", "第一章 乙", "第二条 乙。"))
    assert p.problems == []


def test_sections_restart_in_each_chapter():
    p = parse_text(lines("第一章 甲", "第一节 子", "第一条 甲。", "第二节 丑", "第二条 乙。",
                         "第二章 乙", "第一节 寅", "第三条 丙。"))
    assert p.problems == []


def test_heading_titles_keep_internal_ideographic_spaces():
    p = parse_text(lines("第一章　成　员", "第一条　内容。", "第二章组织", "第二条 内容。",
                         "第三章 附　则", "第三条内容。"))
    assert [(h.label, h.title) for h in p.headings] == [
        ("第一章", "成　员"), ("第二章", "组织"), ("第三章", "附　则")]


def test_heading_label_and_title_on_two_lines():
    p = parse_text(lines("第一章", "总　则", "第一条 内容。"))
    assert kinds(p) == [("zhang", "第一章", "总　则", 0), ("article", 1, 2)]


def test_long_or_sentence_lines_are_not_headings():
    p = parse_text(lines("第一条 甲。", "第二章所列事项，按照本条处理。",
                         "第三节" + "很" * 40))
    assert p.headings == []
    assert [x.text[:3] for x in p.articles[0].paragraphs] == ["甲。", "第二章", "第三节"]


def test_preamble_with_title_and_ordinal_lines():
    text = lines(
        "总　纲",
        "本会是示范性的组织。",
        "第一，坚持实事求是。",
        "第二，坚持团结协作。",
        "第一章　会　员",
        "第一条　会员应当遵守本章程。",
    )
    p = parse_text(text)
    assert p.problems == []
    assert kinds(p) == [
        ("preamble", "", "总　纲", 0), ("preamble", 1), ("preamble", 2), ("preamble", 3),
        ("zhang", "第一章", "会　员", 4), ("article", 1, 5)]
    assert [b.text for b in p.blocks if isinstance(b, PreambleParagraph)][1] == "第一，坚持实事求是。"
    assert len(p.articles) == 1


def test_preamble_titles_only_in_the_preamble():
    p = parse_text(lines("序言", "引言段落。", "第一条 甲。", "前言"))
    assert p.headings[0].level == "preamble"
    assert p.articles[0].paragraphs[-1].text == "前言"


def test_three_separators_and_first_paragraph():
    p = parse_text(lines("第一条 空格分隔。", "第二条\u3000全角空格分隔。", "第三条无分隔。", "第四条"))
    assert [a.label for a in p.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert [[x.text for x in a.paragraphs] for a in p.articles] == [
        ["空格分隔。"], ["全角空格分隔。"], ["无分隔。"], []]
    assert p.problems == []


def test_paragraphs_and_items():
    text = lines(
        "第一条　示例单位应当做到：",
        "（一）认真学习；",
        "(二)按时交流；",
        "（十一）及时总结。",
        "前款规定适用于全体成员。",
    )
    art = parse_text(text).articles[0]
    assert art.paragraphs == [
        Paragraph("示例单位应当做到：", 0), Paragraph("（一）认真学习；", 1, True),
        Paragraph("(二)按时交流；", 2, True), Paragraph("（十一）及时总结。", 3, True),
        Paragraph("前款规定适用于全体成员。", 4, False)]


def test_numerals_past_one_hundred():
    text = "\n".join(f"第{int_to_cn(n)}条　第{n}条的内容。" for n in range(1, 106))
    p = parse_text(text)
    assert p.problems == []
    assert [a.number for a in p.articles] == list(range(1, 106))
    assert p.articles[104].label == "第一百零五条"
    assert p.articles[109 - 100].anchor == "art-10"
    assert p.articles[-1].line == 104


def test_blank_lines_and_indentation_keep_line_numbers():
    text = lines("", "\u3000\u3000总　纲  ", "", "\u3000\u3000序段落。", "",
                 "  第一条　甲。  ", "", "\u3000\u3000乙款。", "")
    p = parse_text(text)
    assert kinds(p) == [("preamble", "", "总　纲", 1), ("preamble", 3), ("article", 1, 5)]
    assert p.articles[0].paragraphs == [Paragraph("甲。", 5), Paragraph("乙款。", 7)]


def test_plain_headings_in_preamble_and_between_articles():
    text = lines(
        "为了示范，制定本规范。",
        "成员行为规范",
        "第一条　成员应当守时。",
        "第二条　成员应当守信。",
        "负责人行为规范",
        "第三条　负责人应当带头。",
    )
    p = parse_text(text)
    assert p.problems == []
    assert kinds(p) == [
        ("preamble", 0), ("plain", "", "成员行为规范", 1), ("article", 1, 2),
        ("article", 2, 3), ("plain", "", "负责人行为规范", 4), ("article", 3, 5)]


def test_short_lines_that_are_not_plain_headings():
    # followed by a paragraph, or punctuated, or too long: ordinary text
    p = parse_text(lines("成员行为规范", "正文段落。", "第一条 甲。", "说明：示例",
                         "第二条 乙。", "这是一个超过二十个字却没有任何标点符号的很长的句子行",
                         "第三条 丙。"))
    assert p.headings == []
    assert p.articles[0].paragraphs[-1].text == "说明：示例"
    assert p.articles[1].paragraphs[-1].text.startswith("这是")


def test_reference_paragraph_is_not_an_article():
    text = lines(
        "第一条　甲。",
        "第二条　乙。",
        "第三条　有下列情形之一的，依照本条处理：",
        "第一条规定的情形，从轻处理。",
        "第二条所列人员，另行处理。",
        "第一条、第二条以外的情形，依照前款处理。",
        "第四条　丁。",
    )
    p = parse_text(text)
    assert p.problems == []
    assert [a.number for a in p.articles] == [1, 2, 3, 4]
    assert [x.text[:4] for x in p.articles[2].paragraphs[1:]] == ["第一条规", "第二条所", "第一条、"]


def test_expected_number_starts_an_article_even_without_separator():
    p = parse_text(lines("第一条 甲。", "第二条规定事项。"))
    assert [a.number for a in p.articles] == [1, 2]


def test_gap_problem_points_at_the_label():
    p = parse_text(lines("第一条 甲。", "第二条 乙。", "", "  第四条 丁。", "第五条 戊。"))
    assert messages(p) == [(3, 2, "条文编号不连续：第二条之后应为第三条，这里是第四条")]
    assert [a.number for a in p.articles] == [1, 2, 4, 5]


def test_repeat_problem():
    p = parse_text(lines("第一条 甲。", "第二条 乙。", "第二条 又乙。", "第三条 丙。"))
    assert messages(p) == [(2, 0, "条文编号重复：前面已有第二条")]


def test_first_article_not_one():
    p = parse_text(lines("总则说明。", "第三条 丙。", "第四条 丁。"))
    assert messages(p) == [(1, 0, "条文编号应从第一条开始，这里是第三条")]


def test_malformed_numeral_is_reported_once():
    p = parse_text(lines("第一条 甲。", "第十十条 乙。", "第三条 丙。"))
    assert messages(p) == [(1, 0, "无法识别的条文编号“第十十条”")]
    assert [a.number for a in p.articles] == [1, 2, 3]


def test_heading_numbering_problems():
    gap = parse_text(lines("第一章 甲", "第一条 甲。", "第三章 丙", "第二条 乙。"))
    assert messages(gap) == [(2, 0, "章节编号不连续：第一章之后应为第二章，这里是第三章")]
    repeat = parse_text(lines("第一章 甲", "第一条 甲。", "第一章 乙", "第二条 乙。"))
    assert messages(repeat) == [(2, 0, "章节编号重复：前面已有第一章")]
    first = parse_text(lines("第二章 乙", "第一条 甲。"))
    assert messages(first) == [(0, 0, "章节编号应从第一章开始，这里是第二章")]
    bad = parse_text(lines("第一编 甲", "第二二编 乙", "第一条 甲。"))
    assert messages(bad) == [(1, 0, "无法识别的章节编号“第二二编”")]


def test_text_between_heading_and_first_article_is_a_problem():
    p = parse_text(lines("第一章 甲", "这一段不属于任何条文。", "第一条 甲。"))
    assert messages(p) == [(1, 0, "这段文字位于标题之后、条文之前，不属于任何条文")]
    assert isinstance(p.blocks[1], PreambleParagraph)


def test_empty_text():
    for text in ("", "\n\n", "\u3000 \n"):
        p = parse_text(text)
        assert p.blocks == []
        assert messages(p) == [(0, 0, "正文为空")]


def test_starts_body():
    assert starts_body("第一章　总则") and starts_body("第三条 内容。") and starts_body("总　纲")
    assert not starts_body("（2020年1月1日通过）") and not starts_body("第一，坚持。")


@given(st.lists(st.sampled_from([
    "第一条 甲。", "第二条乙。", "第三章 丙", "第一编", "（一）项；", "总　纲", "短标题",
    "第十十条 坏。", "第一条规定的", "", "  ", "普通段落。", "第一，序。", "第一百零五条　x",
]), max_size=30))
def test_never_raises_and_loses_no_line(rows):
    text = "\n".join(rows)
    p = parse_text(text)
    covered = set()
    for b in p.blocks:
        covered.add(b.line)
        if isinstance(b, Article):
            covered.update(x.line for x in b.paragraphs)
    nonblank = sorted(i for i, r in enumerate(rows) if r.strip())
    # a heading title read from the next line is the only line not carried by a block
    merged = {next(i for i in nonblank if i > h.line) for h in p.headings
              if h.title and rows[h.line].strip() == h.label}
    assert covered | merged == set(nonblank)
    assert not covered & merged
    assert all(0 <= x.line < max(len(rows), 1) for x in p.problems)


@given(st.text(alphabet=st.sampled_from(list("第一二十百千零条章编节（）() \u3000\n，。总纲甲")), max_size=80))
def test_never_raises_on_arbitrary_text(text):
    p = parse_text(text)
    assert p.blocks or p.problems
    assert all(a.number >= 0 for a in p.articles)
