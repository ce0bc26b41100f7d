"""new regulation --from a Word document or a PDF: page furniture dropped and reported,
paragraphs rebuilt across line and page breaks, scans refused. The PDFs are typeset
here (tests/pdftext.py); the corpus texts are also imported through both formats."""
from __future__ import annotations

import json

import docx
import pytest

from conftest import CORPUS, check, write
from pdftext import make_pdf, typeset
from portal.cli import main

EXPECTED_TEXT = """\
第一章　总则
第一条　为了加强示范工作，根据有关规定，制定本条例。本条例适用于各级机关。示范工作坚持统一领导。
第二条　机关党组织依照本条例第十二条规定开展工作，接受上级党组织领导。
机关工作人员应当遵守本条例。
第二章　附则
第三条　本条例自2020年3月9日起施行。
"""
TITLE = "示范机关工作条例"
PAGES = [
    [(40, 570, TITLE),                                       # running header, same words as the title
     (150, 530, TITLE),
     (64, 500, "（2020年3月1日示范委员会会议审议批准"),
     (64, 483, "2020年3月9日示范委员会发布）"),
     (150, 460, "第一章　总则"),
     (64, 440, "第一条　为了加强示范工作，根据有关规定，制定本"),
     (40, 423, "条例。本条例适用于各级机关。"),                    # a sentence ends at the line end…
     (40, 406, "示范工作坚持统一领导。"),                          # …but the paragraph goes on
     (64, 389, "第二条　机关党组织依照本条例"),
     (40, 372, "第十二条规定开展工作，接受上级"),                   # a reference at the start of a line
     (200, 20, "- 1 -")],
    [(40, 570, TITLE),
     (40, 540, "党组织领导。"),                                   # the page broke the article mid-sentence
     (64, 523, "机关工作人员应当遵守本条例。"),
     (150, 500, "第二章　附则"),
     (64, 480, "第三条　本条例自2020年3月9日起施行。"),
     (200, 20, "- 2 -")],
]


def content_root(path):
    path.mkdir(parents=True)
    return write(path, {})


@pytest.fixture
def root(tmp_path):
    return content_root(tmp_path / "proj")


def new(root, capsys, path, *args):
    code = main(["--root", str(root), "new", "regulation", "--from", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path) -> str:
    yml = path.read_text(encoding="utf-8")
    return "".join(line[2:] + "\n" for line in yml.split("text: |\n", 1)[1].splitlines())


def test_pdf_with_running_header_page_numbers_and_a_page_break_inside_an_article(root, capsys, tmp_path):
    pdf = tmp_path / "示范条例.pdf"
    pdf.write_bytes(make_pdf(PAGES))
    code, out, err = new(root, capsys, pdf, "--id", "shifan")
    assert (code, err) == (0, "")
    assert "已写入 regulations/shifan.yml（3 条）" in out
    assert f"已去掉 PDF 的页面附属文字：页眉“{TITLE}”（第1–2页，共 2 处）；页码（第1–2页，共 2 处）" in out
    yml = (root / "regulations/shifan.yml").read_text(encoding="utf-8")
    assert f"title: {TITLE}\n" in yml
    assert "note: （2020年3月1日示范委员会会议审议批准 2020年3月9日示范委员会发布）\n" in yml
    assert "published: 2020-03-09\n" in yml and "issuer: 示范委员会\n" in yml
    assert text_of(root / "regulations/shifan.yml") == EXPECTED_TEXT
    assert check(root).returncode == 0


def test_pdf_without_indentation_falls_back_to_punctuation(root, capsys, tmp_path):
    flat = [[(40 if x < 100 else x, y, t) for x, y, t in page] for page in PAGES]
    pdf = tmp_path / "无缩进.pdf"
    pdf.write_bytes(make_pdf(flat))
    code, out, err = new(root, capsys, pdf, "--id", "flat")
    assert (code, err) == (0, "")
    # a sentence ending at a line end now ends the paragraph; articles and the page break are still right
    assert text_of(root / "regulations/flat.yml") == EXPECTED_TEXT.replace(
        "本条例适用于各级机关。示范工作", "本条例适用于各级机关。\n示范工作")


def test_scanned_pdfs_get_a_clear_message(root, capsys, tmp_path):
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(make_pdf([[], []], image_pages=(1, 2)))
    code, out, err = new(root, capsys, scan)
    assert code == 1
    assert err.startswith(f"{scan}: PDF 中没有文字层（可能是扫描件或图片）：本工具不做文字识别（OCR）")
    partly = tmp_path / "部分扫描.pdf"
    partly.write_bytes(make_pdf([PAGES[0], []], image_pages=(2,)))
    code, out, err = new(root, capsys, partly)
    assert code == 1 and "PDF 的第2页只有图片、没有文字层（扫描页）" in err
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    code, out, err = new(root, capsys, broken)
    assert (code, err) == (1, f"{broken}: 不是有效的 PDF 文件（文件损坏，或是改了扩展名的其他格式）\n")
    assert list((root / "regulations").iterdir()) == []


def test_docx_paragraphs_are_the_lines_and_headers_tables_stay_out(root, capsys, tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "机关党委印发"
    for line in (TITLE, "（2020年3月1日示范委员会会议审议批准", "2020年3月9日示范委员会发布）"):
        d.add_paragraph(line)
    d.add_paragraph("")
    for line in EXPECTED_TEXT.splitlines():
        d.add_paragraph(line)
    d.add_table(rows=1, cols=2).cell(0, 0).text = "附表"
    path = tmp_path / "示范条例.docx"
    d.save(path)
    code, out, err = new(root, capsys, path, "--id", "shifan-docx")
    assert (code, err) == (0, "")
    assert "文档中的 1 个表格没有导入" in out and "已去掉" not in out
    assert text_of(root / "regulations/shifan-docx.yml") == EXPECTED_TEXT
    old = tmp_path / "旧.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = new(root, capsys, old)
    assert code == 1 and "不支持旧版 .doc/.wps 格式：请在 Word 或 WPS 中另存为 .docx" in err


# ---- the corpus, as Word documents and as printed PDFs --------------------------------------

needs_corpus = pytest.mark.skipif(not (CORPUS / "expected.json").is_file(),
                                  reason=f"找不到测试语料 {CORPUS}（仅在完整工作区中运行）")
OPTIONS = {   # as in test_corpus_import: what the texts themselves do not say
    "zgcdzc-2022.txt": ["--issuer", "中国共产党全国代表大会"],
    "jlcftl-2018.txt": ["--issuer", "中共中央", "--status", "已修改"],
    "dyjyglgztl-2019.txt": ["--issuer", "中共中央"],
    "gbrsdagztl-2018.txt": ["--issuer", "中共中央办公厅"],
}


@needs_corpus
def test_corpus_through_docx_and_pdf_gives_the_same_files_as_the_text(capsys, tmp_path):
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    roots = {kind: content_root(tmp_path / kind) for kind in ("txt", "docx", "pdf", "flat")}
    for name, exp in sorted(expected.items()):
        text = (CORPUS / name).read_text(encoding="utf-8")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        d = docx.Document()
        for line in lines:
            d.add_paragraph(line)
        d.save(tmp_path / f"{name}.docx")
        (tmp_path / f"{name}.pdf").write_bytes(make_pdf(typeset(text, header=lines[0])))
        (tmp_path / f"{name}.flat.pdf").write_bytes(
            make_pdf(typeset(text, header="机关党委学习资料", indent=False, width=31, per_page=27)))
        sources = {"txt": CORPUS / name, "docx": tmp_path / f"{name}.docx",
                   "pdf": tmp_path / f"{name}.pdf", "flat": tmp_path / f"{name}.flat.pdf"}
        rid = name.removesuffix(".txt")
        for kind, src in sources.items():
            code, out, err = new(roots[kind], capsys, src, "--id", rid, *OPTIONS.get(name, []))
            assert (code, err) == (0, ""), f"{name} {kind}: {err}"
            assert f"（{exp['n_articles']} 条）" in out, f"{name} {kind}: {out}"
            if kind in ("pdf", "flat"):
                assert "页码（第1–" in out, f"{name} {kind}: {out}"
        reference = (roots["txt"] / f"regulations/{rid}.yml").read_text(encoding="utf-8")
        for kind in ("docx", "pdf"):
            assert (roots[kind] / f"regulations/{rid}.yml").read_text(encoding="utf-8") == reference, (name, kind)
    result = check(roots["flat"])
    assert result.returncode == 0, result.stderr
    assert f"法规 {len(expected)} 部" in result.stdout


def test_headers_differing_on_odd_and_even_pages_and_page_number_forms():
    from portal.regulations.sources import strip_page_furniture
    body = ["党的纪律是党的各级组织和全体党员必须遵守的行为规则。", "第二条　本条例适用于各级机关。",
            "（一）坚持党的领导；", "（二）坚持从严治党；", "第三条　党组织应当加强监督。",
            "机关工作人员应当遵守本条例。", "第四条　本条例由中央组织部负责解释。",
            "第五条　本条例自发布之日起施行。", "附：示范表格"]
    pages = []
    for n in range(1, 10):
        header = "机关党委文件" if n % 2 else "学习资料汇编"
        footer = ["- 1 -", "第 2 页 共 9 页", "3/9", "— 4 —", "5", "第6页", "7 / 9", "8", "9"][n - 1]
        pages.append([header, body[n - 1], footer])
    kept, dropped = strip_page_furniture(pages)
    assert kept == body
    assert dropped == ["页眉“机关党委文件”（第1页、第3页、第5页、第7页、第9页，共 5 处）",
                       "页码（第1–9页，共 9 处）",
                       "页眉“学习资料汇编”（第2页、第4页、第6页、第8页，共 4 处）"]
    # a title alone on top of page 1 stays even when later pages repeat it as their header
    kept, dropped = strip_page_furniture([["中国共产党示范条例", "第一条　内容。"],
                                          ["中国共产党示范条例", "第二条　内容。"]])
    assert kept == ["中国共产党示范条例", "第一条　内容。", "第二条　内容。"]
    assert dropped == ["页眉“中国共产党示范条例”（第2页，共 1 处）"]


# ---- the corpus printed to PDF by Chromium (as a unit prints a web page to PDF) ------------

def chromium_pdf(driver, html_path, header: str) -> bytes:
    import base64
    import html
    driver.get(html_path.as_uri())
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "displayHeaderFooter": True,
        "headerTemplate": f'<div style="font-size:9px;width:100%;text-align:center">{html.escape(header)}</div>',
        "footerTemplate": '<div style="font-size:9px;width:100%;text-align:center">- <span class="pageNumber"></span> -</div>',
        "marginTop": 0.8, "marginBottom": 0.8, "paperWidth": 5.8, "paperHeight": 8.3})   # A5
    return base64.b64decode(result["data"])


PRINTED = ("djjgjczzgztl-2019.txt", "dsxxjygztl-2024.txt", "gbrsdagztl-2018.txt")   # 29 pages: pypdf is slow


@needs_corpus
def test_corpus_printed_by_chromium_imports_as_the_text(capsys, tmp_path):
    import html

    from browser import CHROMEDRIVER, CHROMIUM, make_driver
    from pypdf import PdfReader
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")
    expected = {name: exp for name, exp in json.loads((CORPUS / "expected.json").read_text(encoding="utf-8")).items()
                if name in PRINTED}
    roots = {kind: content_root(tmp_path / kind) for kind in ("txt", "pdf")}
    driver = make_driver(800, 1000)
    try:
        pdfs = {}
        for name in sorted(expected):
            lines = [ln.strip() for ln in (CORPUS / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
            page = tmp_path / f"{name}.html"
            page.write_text(
                "<!doctype html><html lang=zh-CN><meta charset=utf-8><style>"
                "body{font:12pt serif} h1{font-size:16pt;text-align:center}"
                "p{text-indent:2em;margin:0;text-align:justify}</style>"
                f"<h1>{html.escape(lines[0])}</h1>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:]),
                encoding="utf-8")
            pdfs[name] = tmp_path / f"{name}.pdf"
            pdfs[name].write_bytes(chromium_pdf(driver, page, lines[0]))
    finally:
        driver.quit()
    broken_articles = 0
    for name, exp in sorted(expected.items()):
        rid = name.removesuffix(".txt")
        # the traps are there: a header on every page, and pages that end inside an article
        pages = [p.extract_text().splitlines() for p in PdfReader(pdfs[name]).pages]
        assert all(len([ln for ln in p if ln.startswith("-")]) == 1 for p in pages), name
        broken_articles += sum(1 for p in pages[:-1] if not p[-3].endswith(("。", "；", "：")))
        for kind, src in (("txt", CORPUS / name), ("pdf", pdfs[name])):
            code, out, err = new(roots[kind], capsys, src, "--id", rid, *OPTIONS.get(name, []))
            assert (code, err) == (0, ""), f"{name} {kind}: {err}"
            assert f"（{exp['n_articles']} 条）" in out, f"{name} {kind}: {out}"
        assert f"页眉“{exp['title']}”（第1–{len(pages)}页，共 {len(pages)} 处）；页码（第1–{len(pages)}页" in out
        reference = (roots["txt"] / f"regulations/{rid}.yml").read_text(encoding="utf-8")
        got = (roots["pdf"] / f"regulations/{rid}.yml").read_text(encoding="utf-8")
        # 户 and 戶 share one glyph in the CJK font, and the PDF's text layer names the latter
        assert got.replace("戶", "户") == reference, name
    assert broken_articles >= 10
    result = check(roots["pdf"])
    assert result.returncode == 0, result.stderr
