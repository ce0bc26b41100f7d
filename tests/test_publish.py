"""Publishing: `python -m portal build` replaces the site only after a good build,
`python -m portal dist` writes checkable release archives, and a site built for a
sub-path works when served there."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import browser, needs_browser, requested_urls, serve  # noqa: F401
from conftest import REG, ROOT, copy_project, run_portal, write

sys.path.insert(0, str(ROOT))
from portal.content.loader import load  # noqa: E402
from portal.publish.release import NAME, write_tar_gz, write_zip  # noqa: E402

SITE_URL = "http://intranet.example/dangjian/"


def portal(*args: str, **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    for name in ("PORTAL_CONTENT_ROOT", "PORTAL_VERSION", "PORTAL_PUBLISH_FAULT", "PORTAL_SITE_URL"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run([sys.executable, "-m", "portal", *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=600)


def snapshot(site: Path) -> dict[str, str]:
    """Every path under `site` → sha256 of its bytes ('dir' for directories)."""
    return {p.relative_to(site).as_posix(): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample portal built for the sub-path /dangjian/ with `python -m portal build`."""
    site = tmp_path_factory.mktemp("publish") / "site"
    result = portal("build", "--site-dir", str(site), PORTAL_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"已构建 {site}" in result.stdout
    return site


def test_build_info_tells_what_was_published(built):
    info = json.loads((built / "build-info.json").read_text(encoding="utf-8"))
    lib = load(ROOT)
    assert info["counts"] == {
        "regulations": len(lib.regulations),
        "articles": sum(len(r.parsed.articles) for r in lib.regulations.values()),
        "quizzes": len(lib.quizzes), "questions": len(lib.questions), "brands": len(lib.brands)}
    assert info["counts"]["regulations"] >= 3 and info["counts"]["articles"] > info["counts"]["regulations"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode == 0:
        assert info["commit"] == head.stdout.strip() and isinstance(info["dirty"], bool)
        assert info["version"].startswith(subprocess.run(["git", "describe", "--tags", "--always"], cwd=ROOT,
                                                         capture_output=True, text=True).stdout.strip())
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", info["built_at"])
    assert abs((datetime.now().astimezone() - datetime.fromisoformat(info["built_at"].replace("Z", "+00:00")))
               .total_seconds()) < 600
    assert info["site_url"] == SITE_URL and info["offline"] is False


@pytest.fixture
def previous(built, tmp_path) -> Path:
    """A copy of a good build, standing where a new build will try to go."""
    site = tmp_path / "site"
    shutil.copytree(built, site)
    return site


def test_content_error_leaves_the_previous_site_byte_identical(previous, tmp_path):
    before = snapshot(previous)
    broken = write(tmp_path / "content", {"regulations/bad.yml": REG.replace("status: 有效", "status: 作废")})
    result = portal("build", "--site-dir", str(previous), PORTAL_CONTENT_ROOT=str(broken))
    assert result.returncode == 1
    assert "regulations/bad.yml:" in result.stderr and f"{previous} 没有改动" in result.stderr
    assert snapshot(previous) == before and leftovers(previous) == []


def test_failure_after_mkdocs_wrote_everything_leaves_the_previous_site(previous):
    before = snapshot(previous)
    result = portal("build", "--site-dir", str(previous), PORTAL_PUBLISH_FAULT="after-mkdocs")
    assert result.returncode == 1 and "测试注入" in result.stderr
    assert snapshot(previous) == before and leftovers(previous) == []


def test_first_build_creates_the_site_and_a_good_build_replaces_it(tmp_path):
    site = tmp_path / "out" / "site"
    content = write(tmp_path / "content", {"regulations/shili.yml": REG})
    result = portal("build", "--site-dir", str(site), PORTAL_CONTENT_ROOT=str(content))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (site / "regulations" / "shili" / "index.html").is_file()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    content2 = write(tmp_path / "content2", {"regulations/xin.yml": REG})
    assert portal("build", "--site-dir", str(site), PORTAL_CONTENT_ROOT=str(content2)).returncode == 0
    assert (site / "regulations" / "xin" / "index.html").is_file()
    assert not (site / "regulations" / "shili").exists() and not (site / "stale.html").exists()
    assert leftovers(site) == []


def test_build_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "工作总结.docx").write_bytes(b"keep me")
    result = portal("build", "--site-dir", str(folder))
    assert result.returncode == 1 and "不像是以前构建的网站" in result.stderr
    assert (folder / "工作总结.docx").read_bytes() == b"keep me"



def test_build_refuses_to_replace_the_project_or_its_parent(tmp_path):
    """Tried on a copy of the project, never on the checkout itself."""
    project = copy_project(tmp_path / "work" / "portal")
    before = snapshot(tmp_path / "work")
    for dest in (project, project.parent):
        result = run_portal("--root", str(project), "build", "--site-dir", str(dest), cwd=project)
        assert result.returncode == 1 and "不能把网站构建到" in result.stderr, result.stderr[-2000:]
    assert snapshot(tmp_path / "work") == before


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("dist")
    result = portal("dist", "--site-dir", str(base / "site"), "--dist-dir", str(base / "dist"),
                    PORTAL_VERSION="2.1.0-rc1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sha256sum -c SHA256SUMS" in result.stdout
    return base / "site", base / "dist"


def test_dist_writes_tar_zip_and_checksums_that_sha256sum_accepts(release):
    site, dist = release
    stem = f"{NAME}-2.1.0-rc1"
    assert sorted(p.name for p in dist.iterdir()) == ["SHA256SUMS", f"{stem}.tar.gz", f"{stem}.zip"]
    lines = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert [l.split("  ")[1] for l in lines] == [f"{stem}.tar.gz", f"{stem}.zip"]
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


def test_archives_hold_exactly_the_built_site_with_build_info(release):
    site, dist = release
    stem = f"{NAME}-2.1.0-rc1"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with tarfile.open(dist / f"{stem}.tar.gz") as tar:
        members = tar.getmembers()
        names = [m.name for m in members]
        assert names == sorted(names) and all(n == stem or n.startswith(stem + "/") for n in names)
        got = {m.name[len(stem) + 1:]: tar.extractfile(m).read() for m in members if m.isfile()}
        assert {m.mtime for m in members} == {members[0].mtime} and {m.uid for m in members} == {0}
    assert got == files
    with zipfile.ZipFile(dist / f"{stem}.zip") as zf:
        got = {n[len(stem) + 1:]: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
    assert got == files
    info = json.loads(files["build-info.json"])
    assert info["version"] == "2.1.0-rc1" and info["counts"]["regulations"] >= 3


def test_packing_the_same_site_twice_gives_identical_archives(release, tmp_path):
    site, _ = release
    for writer, ext in ((write_tar_gz, "tar.gz"), (write_zip, "zip")):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        writer(site, a, "x", 1_700_000_000)
        os.utime(site / "index.html", (1, 1))   # file times on disk do not leak into the archive
        writer(site, b, "x", 1_700_000_000)
        assert a.read_bytes() == b.read_bytes()


def test_new_release_keeps_older_checksums_valid(release, tmp_path):
    _, dist = release
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    result = portal("dist", "--site-dir", str(tmp_path / "site"), "--dist-dir", str(copy),
                    PORTAL_VERSION="2.1.0")
    assert result.returncode == 0, result.stderr[-2000:]
    names = [l.split("  ")[1] for l in (copy / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]
    assert names == [f"{NAME}-2.1.0-rc1.tar.gz", f"{NAME}-2.1.0-rc1.zip", f"{NAME}-2.1.0.tar.gz", f"{NAME}-2.1.0.zip"]
    if shutil.which("sha256sum"):
        assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=copy).returncode == 0


def test_unusable_version_is_refused_before_building(tmp_path):
    result = portal("dist", "--site-dir", str(tmp_path / "site"), "--dist-dir", str(tmp_path / "dist"),
                    PORTAL_VERSION="1.0 final/../x")
    assert result.returncode == 1 and "PORTAL_VERSION" in result.stderr
    assert not (tmp_path / "dist").exists() and not (tmp_path / "site").exists()


@pytest.mark.skipif(not (shutil.which("bash") and shutil.which("sha256sum")), reason="deploy.sh 需要 bash 和 coreutils")
def test_release_deploys_with_the_deploy_script(release, tmp_path):
    _, dist = release
    target = tmp_path / "srv"
    result = subprocess.run(["bash", str(ROOT / "scripts" / "deploy.sh"), str(target),
                             str(dist / f"{NAME}-2.1.0-rc1.tar.gz")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    info = json.loads((target / "current" / "build-info.json").read_text(encoding="utf-8"))
    assert info["version"] == "2.1.0-rc1"
    assert (target / "current" / "regulations" / "index.html").is_file()


@needs_browser
def test_site_built_for_a_sub_path_works_there(browser, built):  # noqa: F811
    with serve(built, prefix="/dangjian/") as base:
        origin = base.split("/dangjian/")[0]
        browser.get(base)
        # Material's stylesheet and script loaded from under the sub-path
        assert browser.execute_script(
            "return getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert "no-js" not in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
        browser.execute_script("document.querySelector('.md-tabs__link[href$=\"regulations/\"]').click()")
        WebDriverWait(browser, 10).until(lambda d: d.current_url == base + "regulations/")
        card = browser.find_element(By.CSS_SELECTOR, ".reg-card a")
        browser.execute_script("arguments[0].click()", card)
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "art-1"))
        assert browser.current_url.startswith(base + "regulations/")
        urls = requested_urls(browser)
        assert urls and all(u.startswith(base) for u in urls), [u for u in urls if not u.startswith(base)]
        assert not [u for u in urls if u.startswith(origin + "/assets/")]
    # the 404 page is shown at any depth, so its links are absolute: they must carry the sub-path
    page = (built / "404.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert refs and all(r.startswith("/dangjian/") for r in refs), refs


def test_site_url_without_a_trailing_slash_still_means_the_sub_path(tmp_path):
    """PORTAL_SITE_URL=http://host/dangjian (no final /) gives the same links as with one."""
    content = write(tmp_path / "content", {"regulations/shili.yml": REG})
    pages = {}
    for url in (SITE_URL, SITE_URL.rstrip("/")):
        site = tmp_path / f"site-{len(pages)}"
        result = portal("build", "--site-dir", str(site), PORTAL_CONTENT_ROOT=str(content), PORTAL_SITE_URL=url)
        assert result.returncode == 0, result.stderr[-2000:]
        pages[url] = (site / "404.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:href|src)="(/[^"]*)"', pages[SITE_URL.rstrip("/")])
    assert refs and all(r.startswith("/dangjian/") for r in refs), refs
    assert pages[SITE_URL.rstrip("/")] == pages[SITE_URL]
