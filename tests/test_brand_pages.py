"""Brand pages from a strict build: header, emblem fallback, numbered practices, the gallery
(thumbnails + lightbox on gallery images only), related links, escaping, the index (compact list
and card data), and the thumbnail cache."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from PIL import Image

from conftest import build, write
from indexpages import compact, compact_links, data_file, data_src
from portal.brands import pages as brandpages
from portal.brands.images import ImageCache, digest

LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">'
            '<rect width="96" height="96" rx="12" fill="#b71c1c"/></svg>\n')

ALPHA = """\
name: 甲支部品牌
unit: 市甲局
branch: 机关第一党支部
slogan: 党建引领 业务提质
year: 2021
tags: [党建业务融合, 志愿服务]
logo: images/alpha.svg
photos: [images/wide.jpg, images/rotated.jpg]
summary: 甲支部的一句话简介。
connotation: |
  甲品牌的**内涵**。
practices:
  - title: 第一项做法
    text: 第一项做法的内容。
  - title: 第二项做法
    text: 第二项做法的内容。
  - title: 第三项做法
    text: 第三项做法的内容。
results: |
  成效显著。
honors: [2023年度市直机关“五星级”党支部]
"""

# Every text field tries to smuggle markup; none of it may survive as HTML.
EVIL = """\
name: 红旗<script>alert("name")</script>
unit: 市甲局
branch: <b>二支部</b>
slogan: <img src=x onerror=alert(1)>
year: 2023
tags: ['"><script>alert("tag")</script>', 志愿服务]
summary: 简介<script>alert("summary")</script>
connotation: |
  内涵<script>alert("connotation")</script> [点我](javascript:alert(1))
practices:
  - title: 做法<script>alert("title")</script>
    text: 内容<iframe src="http://example.com/"></iframe>
honors: [<script>alert("honor")</script>]
"""

GAMMA = """\
name: 丙品牌
unit: 市丙局
tags: [志愿服务]
logo: images/gamma.png
summary: 丙的简介。
connotation: 丙的内涵。
practices:
  - title: 唯一做法
    text: 内容。
"""

LONELY = """\
name: 丁品牌
unit: 市丁局
summary: 丁的简介。
connotation: 丁的内涵。
practices:
  - title: 唯一做法
    text: 内容。
"""


def jpeg(size, colour, exif_orientation=None) -> bytes:
    im = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        im.save(out, "JPEG", exif=exif.tobytes())
    else:
        im.save(out, "JPEG")
    return out.getvalue()


def png_logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (600, 300), (0, 90, 160, 200)).save(out, "PNG")
    return out.getvalue()


FILES = {
    "brands/alpha.yml": ALPHA,
    "brands/evil.yml": EVIL,
    "brands/gamma.yml": GAMMA,
    "brands/lonely.yml": LONELY,
    "brands/images/alpha.svg": LOGO_SVG,
    "brands/images/wide.jpg": jpeg((1600, 1000), (200, 40, 40)),
    "brands/images/rotated.jpg": jpeg((400, 200), (40, 120, 40), exif_orientation=6),   # shown 200 × 400
    "brands/images/gamma.png": png_logo(),
}


DEFAULT_CACHE = {"PORTAL_CACHE_DIR": None}    # these builds use the cache in the content root (a tmp dir)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("brands"), dict(FILES))


@pytest.fixture(scope="module")
def site(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = build(content, out, env_changes=DEFAULT_CACHE)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def page(site, brand_id):
    return (site / "brands" / brand_id / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's content area (without the theme's scripts and navigation)."""
    return html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def test_header_shows_logo_name_unit_slogan_year_tags_and_honors(site):
    html = article(page(site, "alpha"))
    assert re.search(r"<h1[^>]*>甲支部品牌", html)
    logo = re.search(r'<img class="brand-head__logo off-glb" src="(logo-[0-9a-f]{10}\.svg)" width="96" height="96" '
                     r'alt="“甲支部品牌”品牌标志">', html)
    assert logo, html[:2000]
    assert (site / "brands" / "alpha" / logo[1]).read_text(encoding="utf-8") == LOGO_SVG   # SVG passed through
    assert '<p class="brand-slogan">党建引领 业务提质</p>' in html
    assert '<dt>单位</dt><dd><a href="../?unit=%E5%B8%82%E7%94%B2%E5%B1%80">市甲局</a></dd>' in html
    assert "<dt>党组织</dt><dd>机关第一党支部</dd>" in html
    assert "<dt>创建年份</dt><dd>2021年</dd>" in html
    assert '<a class="brand-tag" href="../?tag=%E5%BF%97%E6%84%BF%E6%9C%8D%E5%8A%A1">志愿服务</a>' in html
    assert "<li>2023年度市直机关“五星级”党支部</li>" in html
    assert "<strong>内涵</strong>" in html     # editor Markdown is rendered
    assert "<h2" in html and "品牌内涵" in html and "主要做法" in html and "工作成效" in html


def test_raster_logo_is_resized_to_webp(site):
    html = article(page(site, "gamma"))
    src = re.search(r'class="brand-head__logo off-glb" src="(logo-[0-9a-f]{10}\.webp)" width="256" height="128"', html)
    assert src, html[:1500]
    with Image.open(site / "brands" / "gamma" / src[1]) as im:
        assert (im.format, im.size, im.mode) == ("WEBP", (256, 128), "RGBA")


def test_emblem_is_drawn_from_the_name_when_there_is_no_logo(site):
    html = article(page(site, "lonely"))
    src = re.search(r'<img class="brand-head__logo off-glb" src="(emblem-[0-9a-f]{10}\.svg)"[^>]*data-emblem', html)
    assert src and "（据名称自动生成的标志）" in html
    svg = (site / "brands" / "lonely" / src[1]).read_text(encoding="utf-8")
    colour, shape = brandpages.emblem_style("lonely")
    assert f'fill="{colour}"' in svg and ">丁品<" in svg
    assert brandpages.emblem_style("lonely") == (colour, shape)            # deterministic
    assert len({brandpages.emblem_style(f"b{i}")[0] for i in range(40)}) > 5  # and varied
    # markup in the name never reaches the SVG as markup
    evil = re.search(r'src="(emblem-[0-9a-f]{10}\.svg)"', article(page(site, "evil")))[1]
    evil_svg = (site / "brands" / "evil" / evil).read_text(encoding="utf-8")
    assert "<script" not in evil_svg and ">红旗<" in evil_svg and "&lt;script&gt;" in evil_svg


def test_emblem_text_skips_quotes_and_spaces():
    assert brandpages.emblem_text("“红色引擎”") == "红色"
    assert brandpages.emblem_text(" E心向党") == "E心"
    assert brandpages.emblem_text("——") == "党"


def test_practices_are_numbered_cards(site):
    html = article(page(site, "alpha"))
    block = html.split('<ol class="brand-practices">', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r'<li class="brand-practice" id="practice-(\d)">\s*<h3 class="brand-practice__title">'
                       r'<span class="brand-practice__no" aria-hidden="true">(\d\d)</span>([^<]+)</h3>', block)
    assert items == [("1", "01", "第一项做法"), ("2", "02", "第二项做法"), ("3", "03", "第三项做法")]


def test_gallery_links_thumbnails_to_the_large_size(site):
    html = article(page(site, "alpha"))
    links = re.findall(r'<a class="glightbox brand-gallery__item" href="(photo-([0-9a-f]{10})-960\.webp)" '
                       r'data-type="image" data-gallery="brand-alpha"><img src="(photo-([0-9a-f]{10})-320\.webp)" '
                       r'width="(\d+)" height="(\d+)" loading="lazy" decoding="async" alt="“甲支部品牌”图片 (\d)/2"></a>', html)
    assert len(links) == 2, html
    expected = {"wide": ((320, 200), (960, 600)), "rotated": ((200, 400), (200, 400))}   # EXIF applied, never enlarged
    for (large, key, thumb, key2, w, h, n), name in zip(links, ("wide", "rotated")):
        assert key == key2 == digest(FILES[f"brands/images/{name}.jpg"])
        assert (int(w), int(h)) == expected[name][0]
        for src, size in ((thumb, expected[name][0]), (large, expected[name][1])):
            with Image.open(site / "brands" / "alpha" / src) as im:
                assert (im.format, im.size) == ("WEBP", size)
                assert not im.info.get("exif")          # metadata (e.g. GPS) is not published
    assert "title=" not in html.split('<div class="brand-gallery">', 1)[1].split("</div>", 1)[0]   # no HTML captions


def test_lightbox_only_wraps_gallery_images(site):
    anchors = 0
    for f in site.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        found = re.findall(r'<a class="glightbox[^"]*"', html)
        if f.parent.name == "alpha":
            anchors = len(found)
            assert all('brand-gallery__item' in a for a in found)
        else:
            assert not found, f
    assert anchors == 2
    # glightbox's assets are copied into the site, never fetched from elsewhere
    assert (site / "assets" / "javascripts" / "glightbox.min.js").is_file()
    assert (site / "assets" / "stylesheets" / "glightbox.min.css").is_file()
    head = page(site, "alpha").split("</head>", 1)[0]
    assert 'src="../../assets/javascripts/glightbox.min.js"' in head


def test_related_links_same_unit_and_same_tags(site):
    html = article(page(site, "alpha"))
    unit = html.split('data-related="unit"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">', unit) == ["../evil/"]
    tag = html.split('data-related="tag"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="../gamma/">丙品牌</a> <span class="brand-related__meta">市丙局 · 志愿服务</span>' in tag
    assert "../evil/" not in tag            # listed once, under its unit
    assert "暂无同单位或同标签的品牌。" in article(page(site, "lonely"))


def test_markup_in_brand_text_is_escaped(site):
    for f in (site / "brands").rglob("*.html"):
        body = article(f.read_text(encoding="utf-8"))
        # the index's own data file is the one script tag allowed in the content area
        body = re.sub(r'<script src="\.\./assets/portal/brand-index-data\.js\?v=[0-9a-f]{10}" defer></script>', "", body)
        assert "<script" not in body and "<iframe" not in body, f
        handlers = [tag for tag in re.findall(r"<[A-Za-z][^>]*>", body) if re.search(r"\son[a-z]+\s*=", tag, re.I)]
        assert handlers == [], f                                  # no element carries an event handler
        assert "javascript:" not in body
    html = article(page(site, "evil")).replace("&#34;", '"').replace("&quot;", '"')
    for text in ('红旗&lt;script&gt;alert("name")&lt;/script&gt;', "&lt;b&gt;二支部&lt;/b&gt;",
                 "&lt;img src=x onerror=alert(1)&gt;", '做法&lt;script&gt;alert("title")&lt;/script&gt;',
                 '内容&lt;iframe src="http://example.com/"&gt;&lt;/iframe&gt;', '&lt;script&gt;alert("honor")&lt;/script&gt;'):
        assert text in html, text
    title = re.search(r"<title>([^<]*)</title>", page(site, "evil"))[1].replace("&#34;", '"').replace("&quot;", '"')
    assert title == '红旗&lt;script&gt;alert("name")&lt;/script&gt; - 党建学习门户'     # the front-matter title is JSON


def test_index_lists_every_brand_compactly_by_unit(site):
    html = article((site / "brands" / "index.html").read_text(encoding="utf-8"))
    units = re.findall(r"<li><strong>([^<]+)</strong>（(\d+)）<ul>", compact(site, "brands"))
    assert units == [("市丙局", "1"), ("市丁局", "1"), ("市甲局", "2")]      # 音序: bing, ding, jia
    assert sorted(href for href, _ in compact_links(site, "brands")) == ["alpha/", "evil/", "gamma/", "lonely/"]
    assert '<li><a href="alpha/">甲支部品牌</a> 2021年</li>' in html
    assert '<li><a href="lonely/">丁品牌</a></li>' in html                   # no year, no trailing text
    assert '<li><a href="evil/">红旗&lt;script&gt;alert(' in html.replace("&#34;", '"')
    # light: no card, no image, no facet attribute in the HTML; the filter waits for the script
    assert "<img" not in html.split('<template class="brand-card-template">', 1)[0]
    assert "data-unit=" not in html and 'class="brand-card"' not in html.split("<template", 1)[0]
    assert '<form class="brand-filter" hidden' in html
    assert '<input type="checkbox" name="honor" value="市直机关“五星级”党支部">' in html
    assert not re.search(r"-960\.webp", html)       # the index never loads the large size


def test_index_cards_come_from_the_data_file(site):
    html = article((site / "brands" / "index.html").read_text(encoding="utf-8"))
    assert data_src(site, "brands").startswith("../assets/portal/brand-index-data.js?v=")
    assert "data-base=" not in html       # the data file's links are relative to this page
    template = html.split('<template class="brand-card-template">', 1)[1].split("</template>", 1)[0]
    imgs = re.findall(r"<img [^>]*>", template)
    assert len(imgs) == 2 and all('loading="lazy"' in i and "src=" not in i for i in imgs)
    data, text = data_file(site, "brands")
    cards = {b["href"]: b for b in data["brands"]}
    assert list(cards) == ["evil/", "alpha/", "lonely/", "gamma/"]   # newest first, then by name
    alpha = cards["alpha/"]
    assert alpha["data"] == {"unit": "市甲局", "tag": "党建业务融合|志愿服务", "year": "2021",
                             "honor": "市直机关“五星级”党支部"}
    assert re.fullmatch(r"alpha/photo-[0-9a-f]{10}-320\.webp", alpha["cover"][0]) and alpha["cover"][1:] == [320, 200]
    assert re.fullmatch(r"alpha/logo-[0-9a-f]{10}\.svg", alpha["logo"])
    assert (alpha["name"], alpha["unit"], alpha["branch"], alpha["slogan"], alpha["year"]) == (
        "甲支部品牌", "市甲局", "机关第一党支部", "党建引领 业务提质", 2021)
    assert alpha["honors"] == ["2023年度市直机关“五星级”党支部"] and alpha["summary"] == "甲支部的一句话简介。"
    lonely = cards["lonely/"]
    assert "cover" not in lonely and "year" not in lonely and re.fullmatch(r"lonely/emblem-[0-9a-f]{10}\.svg", lonely["logo"])
    for b in cards.values():      # every picture the cards show is published, none in the large size
        for path in [b["logo"]] + ([b["cover"][0]] if "cover" in b else []):
            assert (site / "brands" / path).is_file() and "-960" not in path
    # content stays text: exact round trip, and nothing in the file could end its <script> early
    evil = cards["evil/"]
    assert evil["name"] == '红旗<script>alert("name")</script>' and evil["data"]["tag"] == '"><script>alert("tag")</script>|志愿服务'
    assert "<" not in text and ">" not in text and "&" not in text


def test_originals_are_not_published(site):
    assert not (site / "brands" / "images").exists()
    published = [p.suffix for p in (site / "brands").rglob("*") if p.is_file()]
    assert set(published) <= {".html", ".svg", ".webp"}


def test_rebuild_reuses_cached_renditions(content, site, tmp_path):
    cache = content / ".cache" / "brands"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(before) == 5       # wide/rotated × (320, 960) + the PNG logo
    time.sleep(0.05)
    result = build(content, tmp_path / "again", env_changes=DEFAULT_CACHE)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before     # nothing re-encoded


def test_image_cache_encodes_once_per_source_and_size(tmp_path):
    source = jpeg((1200, 800), (10, 20, 30))
    ImageCache._memory.clear()
    first = ImageCache(tmp_path / "c")
    a = first.rendition(source, 320, 640)
    b = first.rendition(source, 320, 640)
    assert first.encoded == 1 and a == b and (a.width, a.height) == (320, 213)
    ImageCache._memory.clear()                       # a new process: only the disk cache is left
    second = ImageCache(tmp_path / "c")
    assert second.rendition(source, 320, 640) == a and second.encoded == 0
    second.rendition(source, 960, 1440, kind="large")
    assert second.encoded == 1                       # another size is another entry
    changed = jpeg((1200, 800), (200, 220, 31))
    second.rendition(changed, 320, 640)
    assert second.encoded == 2                       # the key is the content, not the file name
