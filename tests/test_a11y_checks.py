"""`portal check` flags content that would break the accessibility guarantees, with file
and line: unbreakable runs in a brand, images without alt text, wide study tables."""
from __future__ import annotations

from conftest import BRAND, build, check


def lines(result, prefix: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


def test_unbreakable_run_in_a_brand_is_a_warning_at_its_line(project):
    root = project({"brands/shili.yml": BRAND.replace("示例品牌", "红旗PARTYBUILDINGPIONEER品牌")
                    .replace("做法内容。", "见 https://example.invalid/a/very/long/path/that/never/breaks 。")})
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert lines(result, "brands/") == [
        ("brands/shili.yml:1:7: 警告：“PARTYBUILDINGPIONEER”是 20 个连在一起、中间不能换行的字符，"
         "在手机上会被从中间强行断开：请在适当位置加空格，或改用中文表述"),
        ("brands/shili.yml:7:11: 警告：“https://example.inva…”是 58 个连在一起、中间不能换行的字符，"
         "在手机上会被从中间强行断开：请在适当位置加空格，或改用中文表述"),
    ]


def test_han_text_and_short_codes_are_fine(project):
    root = project({"brands/shili.yml": BRAND.replace("示例品牌", "“红色引擎”2024党建品牌ABC")})
    result = check(root)
    assert result.returncode == 0 and "警告" not in result.stderr, result.stderr


def test_image_without_alt_text_is_an_error_with_line_and_column(project):
    root = project({
        "docs/study/tupian.md": "# 图片\n\n正文。\n\n![](a.png)\n\n![支部活动合影](b.png) 与 <img src=\"c.png\">\n"
                                "<img src=\"d.png\" alt=\"\">\n",
        "brands/shili.yml": BRAND.replace("品牌内涵。", "|\n  第一段。\n\n  ![ ](x.png)"),
    })
    result = check(root)
    assert result.returncode == 1
    assert lines(result, "docs/") == [
        "docs/study/tupian.md:5:1: 图片没有替代文字（写成 ![图片内容的说明](文件)）：读屏软件无法说明这张图片",
        "docs/study/tupian.md:7:20: <img> 没有 alt 属性（写上图片内容的说明；纯装饰的图片写 alt=\"\"）：读屏软件无法说明这张图片",
    ]
    assert lines(result, "brands/") == [
        "brands/shili.yml:4:14: 图片没有替代文字（写成 ![图片内容的说明](文件)）：读屏软件无法说明这张图片（本项第 3 行）"]


def test_wide_table_in_a_study_page_is_a_warning(project):
    root = project({"docs/study/biaoge.md": "# 表格\n\n| 项目 | 时间 | 地点 | 负责人 | 备注 |\n| --- | --- | --- | --- | --- |\n"
                                             "| 学习 | 周一 | 会议室 | 张三 | 无 |\n\n"
                                             "| 名称 | 编号 |\n|---|---|\n| 甲 | ABCDEFGHIJKLMNOPQRSTUVWXYZ0123 |\n"})
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert lines(result, "docs/") == [
        ("docs/study/biaoge.md:3:1: 警告：表格有 5 列，在手机上（宽 320 像素）放不下，读者要在表格里左右滑动："
         "最好不超过 3 列，可拆成几个表格或改为列表"),
        ("docs/study/biaoge.md:9:1: 警告：表格中的“ABCDEFGHIJKLMNOPQRST…”是 30 个连在一起、不能换行的字符，"
         "表格会比手机屏幕宽：请加空格或缩短"),
    ]


def test_build_stops_on_an_image_without_alt_text(project, tmp_path):
    root = project({"docs/study/tupian.md": "# 图片\n\n![](a.png)\n"})
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/study/tupian.md:3:1: 图片没有替代文字" in result.stderr


def test_html_in_brand_text_is_only_text(project):
    """Raw HTML in YAML content is shown as text, never an image: no alt text to ask for."""
    root = project({"brands/shili.yml": BRAND.replace("示例品牌", "'<img src=x>'").replace("品牌内涵。", "<img src=x>")})
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert "alt" not in result.stderr
