"""deploy/nginx.conf with a real nginx on 127.0.0.1: headers, caching, gzip, 404, and the
site in Chromium under its Content-Security-Policy (no violation, nothing from elsewhere).

Skipped with a reason where nginx is not installed (`.ci/run` installs nginx-light).
"""
from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import CHROMEDRIVER, CHROMIUM, console_errors, make_driver, requested_urls
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from portal.publish.release import inline_hashes, nginx_csp, uncovered_inline  # noqa: E402

CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx", path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin")
needs_nginx = pytest.mark.skipif(not NGINX, reason="需要 nginx（.ci/run 会安装 nginx-light）")
SITE_URL = "http://intranet.example/dangjian/"
# records CSP violations from the first moment of every page (console lines can be missed)
CSP_PROBE = """window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @ " + e.sourceFile + ":" + e.lineNumber);
});"""


def portal_build(site: Path, **env: str) -> None:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    result = subprocess.run([sys.executable, "-m", "portal", "build", "--site-dir", str(site)], cwd=ROOT,
                            env=full, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def srv(tmp_path_factory) -> Path:
    """A release built for /dangjian/ behind a `current` symlink, as scripts/deploy.sh leaves it."""
    base = tmp_path_factory.mktemp("srv")
    portal_build(base / "releases" / "v1", PORTAL_SITE_URL=SITE_URL)
    (base / "current").symlink_to("releases/v1")
    return base


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(srv: Path, prefix: Path, port: int) -> str:
    """The sample server block, pointed at `srv` on 127.0.0.1:port, inside a minimal main config."""
    server = CONF.read_text(encoding="utf-8")
    assert "listen 80;" in server and "/srv/dangjian/current/" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/dangjian/current/", f"{srv}/current/")
    temp = "\n".join(f"    {d}_temp_path {prefix}/{d};" for d in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""   # tmp dirs are private to this user
    return f"""{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
{temp}
{server}
}}
"""


@pytest.fixture(scope="module")
def nginx(srv, tmp_path_factory):
    if not NGINX:
        pytest.skip("需要 nginx（.ci/run 会安装 nginx-light）")
    prefix = tmp_path_factory.mktemp("nginx")
    for _ in range(3):
        port = _free_port()
        (prefix / "nginx.conf").write_text(nginx_config(srv, prefix, port), encoding="utf-8")
        test = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                              capture_output=True, text=True, timeout=30)
        assert test.returncode == 0, test.stderr
        proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        if proc.poll() is None:
            break
    else:
        pytest.fail("nginx did not start: " + proc.stderr.read().decode(errors="replace"))
    try:
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def get(port: int, path: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


SECURITY = {"x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "SAMEORIGIN"}


def test_sample_config_allows_every_inline_script_and_style_the_site_has(srv):
    """Catches a Material or plugin upgrade that changes an inline script: update the hashes then."""
    policy = nginx_csp(CONF)
    assert policy is not None
    scripts = inline_hashes(srv / "current")["script-src"]
    allowed = {s for s in policy["script-src"] if s.startswith("'sha256-")}
    assert scripts and scripts <= allowed, f"missing: {scripts - allowed}"
    assert allowed <= scripts, f"no longer needed, remove: {allowed - scripts}"   # keep it tight
    assert "'unsafe-inline'" in policy["style-src"]   # GLightbox inserts a <style> when it opens
    assert policy["style-src-attr"] == ["'none'"]
    assert uncovered_inline(srv / "current", CONF) == {}   # also: no page has a style="…" attribute
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]


@needs_nginx
@pytest.mark.parametrize("path", ["/dangjian/", "/dangjian/regulations/wenze-tiaoli/", "/dangjian/build-info.json",
                                  "SEARCH"])
def test_pages_and_search_index_are_revalidated_and_carry_security_headers(nginx, srv, path):
    if path == "SEARCH":   # the search index: new content every release under the same names
        index = sorted(p for p in (srv / "current" / "search").rglob("*") if p.is_file())
        assert index
        path = "/dangjian/" + index[-1].relative_to(srv / "current").as_posix()
    status, headers, body = get(nginx, path)
    assert status == 200 and body
    assert headers["cache-control"] == "no-cache"
    for name, value in SECURITY.items():
        assert headers[name] == value
    assert "script-src 'self' 'sha256-" in headers["content-security-policy"]
    assert "server" not in headers or "nginx/" not in headers["server"]   # no version disclosed


@needs_nginx
def test_fingerprinted_material_assets_are_cached_for_a_year_but_portal_scripts_are_not(nginx, srv):
    site = srv / "current"
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    css = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    worker = next(site.glob("assets/javascripts/workers/search.*.min.js")).relative_to(site).as_posix()
    for path in (bundle, css, worker):
        status, headers, _ = get(nginx, "/dangjian/" + path)
        assert status == 200
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert headers["x-content-type-options"] == "nosniff"
    for photo in sorted(site.glob("brands/*/photo-*-320.webp"))[:1]:   # named by content hash
        status, headers, _ = get(nginx, "/dangjian/" + photo.relative_to(site).as_posix())
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
    # same name in every release: must be revalidated, or readers keep last release's quiz code
    status, headers, _ = get(nginx, "/dangjian/assets/portal/quiz.js")
    assert status == 200 and headers["cache-control"] == "no-cache"


@needs_nginx
@pytest.mark.parametrize("path, kind", [("", "text/html"), ("assets/portal/portal.css", "text/css"),
                                        ("assets/portal/quiz.js", "javascript"),
                                        ("build-info.json", "application/json")])
def test_text_is_gzipped(nginx, srv, path, kind):
    status, headers, body = get(nginx, "/dangjian/" + path, {"Accept-Encoding": "gzip"})
    assert status == 200 and kind in headers["content-type"]
    assert headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("vary", "")
    original = (srv / "current" / (path or "index.html")).read_bytes()
    assert gzip.decompress(body) == original and len(body) < len(original)
    _, plain_headers, plain = get(nginx, "/dangjian/" + path)   # clients without gzip still work
    assert "content-encoding" not in plain_headers and plain == original


@needs_nginx
def test_missing_page_gets_the_portal_404_page_with_working_styles(nginx):
    status, headers, body = get(nginx, "/dangjian/regulations/no-such-regulation/")
    assert status == 404
    html = body.decode("utf-8")
    assert "404" in html and "党建学习门户" in html
    for name, value in SECURITY.items():
        assert headers[name] == value
    # built for /dangjian/: the 404 page (shown at any depth) links its assets absolutely
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert css.startswith("/dangjian/assets/")
    assert get(nginx, css)[0] == 200


@needs_nginx
def test_sub_path_without_slash_and_site_root_redirect_relatively(nginx):
    status, headers, _ = get(nginx, "/dangjian")
    assert status == 301 and headers["location"] == "/dangjian/"
    status, headers, _ = get(nginx, "/dangjian/regulations")
    assert status == 301 and headers["location"] == "/dangjian/regulations/"
    status, headers, _ = get(nginx, "/")
    assert status == 302 and headers["location"] == "/dangjian/"


def pages_to_visit(site: Path) -> list[str]:
    quiz_pages, seen = [], set()
    for p in sorted(site.glob("quizzes/**/index.html")):
        rel = p.parent.relative_to(site).as_posix() + "/"
        kind = rel.split("/")[2] if rel.count("/") == 3 else rel   # one printable paper, one answer key
        if kind not in seen:
            seen.add(kind)
            quiz_pages.append(rel)
    brands = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("brands/*/index.html")
                    if 'class="glightbox' in p.read_text(encoding="utf-8"))   # brands with photos
    return ["", "regulations/", "regulations/lianjie-zilv-zhunze/", "plan/", "study/", "brands/",
            *brands[:1], *quiz_pages]


@needs_nginx
@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")
def test_site_works_under_the_csp_with_no_violation_and_no_outside_request(nginx, srv):
    base = f"http://127.0.0.1:{nginx}/dangjian/"
    driver = make_driver(1280, 900)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_PROBE})
        pages = pages_to_visit(srv / "current")
        assert any(p.startswith("quizzes/") and p != "quizzes/" for p in pages)
        violations, errors = [], []
        for path in pages:
            driver.get(base + path)
            # Material's own scripts ran (they remove the no-js class and render the header)
            WebDriverWait(driver, 10).until(
                lambda d: "no-js" not in d.find_element(By.TAG_NAME, "html").get_attribute("class"))
            driver.execute_script("return new Promise(r => setTimeout(r, 150))")
            violations += [f"{path}: {v}" for v in driver.execute_script("return window.__csp")]
            errors += [f"{path}: {m}" for m in console_errors(driver)]
        # a reader answers a question, starts the mock exam, filters, opens a brand photo
        driver.get(base + "quizzes/wenze-tiaoli-zice/")
        driver.find_element(By.CSS_SELECTOR, ".quiz-opt").click()
        driver.find_element(By.CSS_SELECTOR, ".quiz-q__submit").click()
        WebDriverWait(driver, 5).until(lambda d: "已答 1 题" in d.find_element(By.CSS_SELECTOR, ".quiz-progress").text)
        violations += [f"quiz: {v}" for v in driver.execute_script("return window.__csp")]
        driver.get(base + "quizzes/moni-kaoshi/")
        driver.find_element(By.CSS_SELECTOR, ".quiz-app button").click()
        violations += [f"exam: {v}" for v in driver.execute_script("return window.__csp")]
        photo = next((p for p in pages if p.startswith("brands/") and p != "brands/"), None)
        if photo:
            driver.get(base + photo)
            driver.find_element(By.CSS_SELECTOR, "a.glightbox").click()
            WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".glightbox-container"))
            violations += [f"lightbox: {v}" for v in driver.execute_script("return window.__csp")]
        # search loads its index files on first use
        driver.get(base + "regulations/")
        box = driver.find_element(By.CSS_SELECTOR, ".md-search__input")
        box.click()
        box.send_keys("党组织")
        WebDriverWait(driver, 15).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__list a[href]"))
        violations += [f"search: {v}" for v in driver.execute_script("return window.__csp")]
        errors += [f"search: {m}" for m in console_errors(driver)]
        assert not violations, violations
        assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
        urls = requested_urls(driver)
        assert urls and all(u.startswith(f"http://127.0.0.1:{nginx}/dangjian/") for u in urls), \
            [u for u in urls if not u.startswith(f"http://127.0.0.1:{nginx}/dangjian/")]
    finally:
        driver.quit()
