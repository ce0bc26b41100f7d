"""scripts/deploy.sh run for real in temporary directories: deploy, switch, keep, roll back,
and refuse what should not go live (the site being served stays as it was)."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from portal.publish.release import NAME, update_sha256sums, write_tar_gz  # noqa: E402

DEPLOY = ROOT / "scripts" / "deploy.sh"
pytestmark = pytest.mark.skipif(not (shutil.which("bash") and shutil.which("sha256sum")),
                                reason="deploy.sh 需要 bash 和 GNU coreutils（Linux）")


def deploy(target: Path, *args: str, keep: int | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("KEEP", None)
    if keep is not None:
        env["KEEP"] = str(keep)
    return subprocess.run(["bash", str(DEPLOY), str(target), *args], capture_output=True, text=True,
                          timeout=60, env=env)


@pytest.fixture
def dist(tmp_path):
    return tmp_path / "dist"


@pytest.fixture
def target(tmp_path):
    return tmp_path / "srv" / "dangjian"


def release(dist: Path, version: str, body: str | None = None, files: dict[str, str] | None = None) -> Path:
    """A release archive as `make dist` writes it, with its line in dist/SHA256SUMS."""
    site = dist.parent / f"site-{version}"
    site.mkdir(parents=True)
    for rel, text in (files if files is not None else {"index.html": body or f"<h1>门户 {version}</h1>",
                                                       "assets/app.js": "/* app */"}).items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    archive = dist / f"{NAME}-{version}.tar.gz"
    write_tar_gz(site, archive, f"{NAME}-{version}", 1_700_000_000)
    update_sha256sums(dist, [archive])
    return archive


def served(target: Path) -> str:
    return (target / "current" / "index.html").read_text(encoding="utf-8")


def releases(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "releases").iterdir())


def test_deploy_twice_switches_current_and_lists_both(dist, target):
    r1 = deploy(target, str(release(dist, "1.0.0")))
    assert r1.returncode == 0, r1.stderr
    assert "已部署 1.0.0" in r1.stdout and served(target) == "<h1>门户 1.0.0</h1>"
    r2 = deploy(target, str(release(dist, "1.1.0")))
    assert r2.returncode == 0, r2.stderr
    assert served(target) == "<h1>门户 1.1.0</h1>"
    assert os.readlink(target / "current") == "releases/1.1.0"   # relative: the tree can be moved
    assert (target / "releases" / "1.0.0" / "index.html").is_file()
    listing = deploy(target, "--list")
    assert listing.returncode == 0
    lines = [l for l in listing.stdout.splitlines() if "部署于" in l]
    assert lines[0].startswith("* 1.1.0") and "（当前）" in lines[0]
    assert lines[1].startswith("  1.0.0") and "（当前）" not in lines[1]
    # nothing half-done is left behind, and the web server (another user) can read the release
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]
    assert not [p for p in target.iterdir() if p.name.startswith(".current")]
    for p in (target / "releases" / "1.1.0", target / "releases" / "1.1.0" / "assets"):
        assert stat.S_IMODE(p.stat().st_mode) & 0o005 == 0o005, oct(p.stat().st_mode)
    assert stat.S_IMODE((target / "releases" / "1.1.0" / "index.html").stat().st_mode) & 0o004


def test_rollback_goes_back_one_release_at_a_time(dist, target):
    for v in ("3", "10", "2"):   # deploy order differs from name and number order
        assert deploy(target, str(release(dist, v))).returncode == 0
    r = deploy(target, "--rollback")
    assert r.returncode == 0, r.stderr
    assert "当前版本为 10" in r.stdout and served(target) == "<h1>门户 10</h1>"
    assert deploy(target, "--rollback").returncode == 0 and served(target) == "<h1>门户 3</h1>"
    r = deploy(target, "--rollback")
    assert r.returncode == 1 and "无法回滚" in r.stderr
    assert served(target) == "<h1>门户 3</h1>"
    listed = [l.split()[:2] for l in deploy(target, "--list").stdout.splitlines() if "部署于" in l]
    assert listed == [["2", "部署于"], ["10", "部署于"], ["*", "3"]]
    # re-deploying a kept release switches forward again
    assert deploy(target, str(dist / f"{NAME}-2.tar.gz")).returncode == 0 and served(target) == "<h1>门户 2</h1>"


def test_rollback_and_list_on_an_empty_target(target):
    r = deploy(target, "--rollback")
    assert r.returncode == 1 and "还没有部署" in r.stderr
    r = deploy(target, "--list")
    assert r.returncode == 0 and "还没有部署" in r.stdout


def test_keeps_the_last_n_releases(dist, target):
    for v in ("1", "2", "3", "4"):
        assert deploy(target, str(release(dist, v)), keep=2).returncode == 0
    assert releases(target) == ["3", "3.sha256", "4", "4.sha256"]
    assert served(target) == "<h1>门户 4</h1>"
    r = deploy(target, str(release(dist, "5")))   # default KEEP=5
    assert r.returncode == 0 and releases(target) == ["3", "3.sha256", "4", "4.sha256", "5", "5.sha256"]
    assert deploy(target, "--rollback").returncode == 0    # the previous release is kept for this
    assert served(target) == "<h1>门户 4</h1>"


def test_keep_never_removes_the_current_release(dist, target):
    for v in ("1", "2", "3"):
        assert deploy(target, str(release(dist, v))).returncode == 0
    # re-deploying the oldest release makes it current: KEEP=1 must keep exactly that one
    r = deploy(target, str(dist / f"{NAME}-1.tar.gz"), keep=1)
    assert r.returncode == 0, r.stderr
    assert served(target) == "<h1>门户 1</h1>" and releases(target) == ["1", "1.sha256"]
    r = deploy(target, str(dist / f"{NAME}-1.tar.gz"), keep=1)   # same version, same archive
    assert r.returncode == 0 and "未做改动" in r.stdout and served(target) == "<h1>门户 1</h1>"


def test_invalid_keep_is_refused(dist, target):
    r = deploy(target, str(release(dist, "1")), keep=0)
    assert r.returncode == 1 and "KEEP" in r.stderr and not target.exists()


def assert_untouched(target: Path, before: str):
    assert served(target) == before
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]


def test_corrupt_archive_is_refused_and_the_site_stays(dist, target):
    assert deploy(target, str(release(dist, "1"))).returncode == 0
    bad = release(dist, "2")
    data = bytearray(bad.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    r = deploy(target, str(bad))
    assert r.returncode == 1 and "校验失败" in r.stderr and "未部署" in r.stderr
    assert_untouched(target, "<h1>门户 1</h1>")
    assert releases(target) == ["1", "1.sha256"]


def test_archive_without_checksum_is_refused(dist, target, tmp_path):
    assert deploy(target, str(release(dist, "1"))).returncode == 0
    lone = tmp_path / "elsewhere"
    lone.mkdir()
    copy = shutil.copy(release(dist, "2"), lone)
    r = deploy(target, str(copy))
    assert r.returncode == 1 and "SHA256SUMS" in r.stderr
    (lone / "SHA256SUMS").write_text("0" * 64 + f"  {NAME}-9.tar.gz\n", encoding="utf-8")
    r = deploy(target, str(copy))
    assert r.returncode == 1 and "没有" in r.stderr and f"{NAME}-2.tar.gz" in r.stderr
    assert_untouched(target, "<h1>门户 1</h1>")


def test_archive_that_is_not_a_site_is_refused(dist, target):
    assert deploy(target, str(release(dist, "1"))).returncode == 0
    r = deploy(target, str(release(dist, "2", files={"readme.txt": "not a site"})))
    assert r.returncode == 1 and "index.html" in r.stderr
    assert_untouched(target, "<h1>门户 1</h1>")
    assert releases(target) == ["1", "1.sha256"]


def test_archive_with_files_outside_its_folder_is_refused(dist, target, tmp_path):
    assert deploy(target, str(release(dist, "1"))).returncode == 0
    evil = dist / f"{NAME}-2.tar.gz"
    page = tmp_path / "index.html"
    page.write_text("x", encoding="utf-8")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(page, f"{NAME}-2/index.html")
        tar.add(page, "etc/cron.d/evil")
    update_sha256sums(dist, [evil])
    r = deploy(target, str(evil))
    assert r.returncode == 1 and "不属于" in r.stderr
    assert_untouched(target, "<h1>门户 1</h1>")
    assert not (target / "releases" / "etc").exists()


def test_same_version_with_different_content_is_refused_while_live(dist, target):
    assert deploy(target, str(release(dist, "1"))).returncode == 0
    shutil.rmtree(dist.parent / "site-1")
    r = deploy(target, str(release(dist, "1", body="<h1>改过的</h1>")))
    assert r.returncode == 1 and "新的版本号" in r.stderr
    assert served(target) == "<h1>门户 1</h1>"


def test_offline_copy_and_unknown_names_are_refused(dist, target, tmp_path):
    offline = dist / f"{NAME}-1-offline.zip"
    dist.mkdir(parents=True)
    offline.write_bytes(b"PK")
    r = deploy(target, str(offline))
    assert r.returncode == 1 and "离线版" in r.stderr
    other = tmp_path / "site.tar.gz"
    other.write_bytes(b"")
    r = deploy(target, str(other))
    assert r.returncode == 1 and f"{NAME}-<版本>.tar.gz" in r.stderr
    r = deploy(target, "--bogus")
    assert r.returncode == 1 and "未知选项" in r.stderr


def test_a_real_directory_at_current_is_not_replaced(dist, target):
    (target / "current").mkdir(parents=True)
    (target / "current" / "index.html").write_text("hand-made", encoding="utf-8")
    r = deploy(target, str(release(dist, "1")))
    assert r.returncode == 1 and "不是符号链接" in r.stderr
    assert (target / "current" / "index.html").read_text(encoding="utf-8") == "hand-made"


@pytest.mark.skipif(not shutil.which("flock"), reason="部署锁需要 flock（util-linux）")
def test_deploy_and_rollback_are_refused_while_another_holds_the_lock(dist, target):
    import fcntl
    assert deploy(target, str(release(dist, "1.0.0"))).returncode == 0
    with open(target / ".deploy.lock", "w") as held:        # another deploy holds the lock
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for args in ([str(release(dist, "1.1.0"))], ["--rollback"]):
            result = deploy(target, *args)
            assert result.returncode == 1 and "另一个部署或回滚正在进行" in result.stderr, result.stderr
            assert served(target) == "<h1>门户 1.0.0</h1>" and releases(target) == ["1.0.0", "1.0.0.sha256"]
    result = deploy(target, str(dist / f"{NAME}-1.1.0.tar.gz"))   # lock released: goes ahead
    assert result.returncode == 0, result.stderr
    assert served(target) == "<h1>门户 1.1.0</h1>"


def test_without_an_archive_the_newest_in_dist_is_deployed(tmp_path, target):
    """`scripts/deploy.sh 目标目录` takes the most recently written archive in the project's dist/."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(DEPLOY, project / "scripts" / "deploy.sh")
    dist = project / "dist"
    newer, older = release(dist, "1.0.0"), release(dist, "9.0.0")   # newest by time, not by name
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_700_000_100, 1_700_000_100))
    result = subprocess.run(["bash", str(project / "scripts" / "deploy.sh"), str(target)], capture_output=True,
                            text=True, timeout=60, env={k: v for k, v in os.environ.items() if k != "KEEP"})
    assert result.returncode == 0, result.stderr
    assert "已部署 1.0.0" in result.stdout and served(target) == "<h1>门户 1.0.0</h1>"
    empty = tmp_path / "empty"
    (empty / "scripts").mkdir(parents=True)
    shutil.copy2(DEPLOY, empty / "scripts" / "deploy.sh")
    result = subprocess.run(["bash", str(empty / "scripts" / "deploy.sh"), str(tmp_path / "srv2")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "dist/ 中没有发布包" in result.stderr
