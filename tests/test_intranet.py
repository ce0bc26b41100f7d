"""The built site requests nothing outside itself (the intranet reaches nothing)."""
from __future__ import annotations

import re

import pytest

from browser import make_driver, needs_browser, requested_urls, serve

# Absolute URLs that appear in the theme's scripts but are never requested here:
# XML namespaces, and Material's repository-statistics APIs, used only when
# repo_url is on github.com or a GitLab host (ours is the intranet Git server).
NOT_REQUESTS = {'"http://www.w3.org/2000/svg"', '"http://www.w3.org/1999/xlink"',
                "`https://api.github.com/users/${e}`", "`https://api.github.com/repos/${e}/${t}`",
                "`https://${e}/api/v4/projects/${encodeURIComponent(t)}`"}
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
            offenders += [(rel, m.group(0)) for m in JS_URL.finditer(text) if m.group(0) not in NOT_REQUESTS]
    assert offenders == []
    cdn = re.compile(rb"unpkg\.com|cdn\.jsdelivr|cdnjs\.|fonts\.googleapis|fonts\.gstatic|cdn\.plyr\.io")
    assert [p for p in sample_site.rglob("*") if p.is_file() and cdn.search(p.read_bytes())] == []


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
