"""The built site requests nothing outside itself (the intranet reaches nothing)."""
from __future__ import annotations

import re

import pytest

from browser import make_driver, needs_browser, requested_urls, serve
from conftest import ROOT

# Absolute URLs that appear in the theme's scripts but are never requested here, told by
# what they are, not by how the minifier named its variables: XML namespaces, and
# Material's repository-statistics APIs, used only when repo_url is on github.com or a
# GitLab host (ours is the intranet Git server: checked below). What a reader's browser
# actually requests is checked in test_an_old_browser_gets_the_polyfill_from_the_site_itself.
NOT_REQUESTS = [re.compile(r"[\"']http://www\.w3\.org/(?:2000/svg|1999/xlink)[\"']"),
                # XML namespaces the ledger's xlsx writer puts into the spreadsheet it makes
                re.compile(r"[\"']http://schemas\.(?:openxmlformats\.org|microsoft\.com/office)/[\w./-]+[\"']"),
                re.compile(r"`https://api\.github\.com/(?:users|repos)/\$\{[^`]*\}`"),
                re.compile(r"`https://\$\{[^`]*\}/api/v4/projects/\$\{[^`]*\}`")]
JS_URL = re.compile(r"[\"'`]https?://[^\"'`\s]+[\"'`]")
HTML_LOAD = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                       r"\s(?:src|href|srcset|data|poster)=[\"']?(?:https?:)?//", re.I)
CSS_LOAD = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.I)


def test_no_file_in_the_site_would_fetch_from_another_host(sample_site):
    offenders = []
    for path in sample_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(sample_site).as_posix()
        if path.suffix == ".html":
            offenders += [(rel, m.group(0)[:80]) for m in HTML_LOAD.finditer(text)]
        offenders += [(rel, m.group(0)[:80]) for m in CSS_LOAD.finditer(text)]
        if path.suffix == ".js":
            offenders += [(rel, m.group(0)) for m in JS_URL.finditer(text)
                          if not any(p.fullmatch(m.group(0)) for p in NOT_REQUESTS)]
    assert offenders == []
    cdn = re.compile(rb"unpkg\.com|cdn\.jsdelivr|cdnjs\.|fonts\.googleapis|fonts\.gstatic|cdn\.plyr\.io")
    assert [p for p in sample_site.rglob("*") if p.is_file() and cdn.search(p.read_bytes())] == []


def test_repository_is_on_the_intranet_so_the_theme_asks_no_git_host_for_statistics():
    repo_url = re.search(r"^repo_url: !ENV \[PORTAL_REPO_URL, \"([^\"]+)\"\]", (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M)[1]
    assert not re.search(r"github\.com|gitlab", repo_url), repo_url


def test_theme_script_patches_fail_loudly_when_the_theme_changes(tmp_path):
    from portal.web.themepatch import ThemePatchError, localize_scripts
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    (js / "bundle.x.min.js").write_text("var a = 1;")
    (js / "glightbox.min.js").write_text("var b = 2;")
    with pytest.raises(ThemePatchError, match="unpkg.com/resize-observer-polyfill"):
        localize_scripts(tmp_path)


@needs_browser
def test_an_old_browser_gets_the_polyfill_from_the_site_itself(sample_site):
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": "delete window.ResizeObserver;"})
        with serve(sample_site, prefix="/dangjian/") as base:
            requested_urls(driver)
            for path in ("", "regulations/", "regulations/wenze-tiaoli/", "brands/", "quizzes/", "plan/", "study/"):
                driver.get(base + path)
            driver.execute_script("return 1")
            urls = requested_urls(driver)
            origin = base.split("/dangjian/")[0]
            assert all(u.startswith(origin) for u in urls), [u for u in urls if not u.startswith(origin)]
            assert any(u.endswith("/dangjian/assets/vendor/ResizeObserver.js") for u in urls)
            assert driver.execute_script("return typeof ResizeObserver") == "function"
    finally:
        driver.quit()
