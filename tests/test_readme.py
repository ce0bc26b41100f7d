"""README.md's "发布与回滚" is true: its shell blocks run as written in a copy of the project
(build, dist for a sub-path, the offline copy), and the deploy commands, pointed at a
temporary server directory, deploy, list and roll back what `make dist` wrote."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT))
from portal.publish.release import NAME, update_sha256sums, write_tar_gz  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## 发布与回滚", 1)[1].split("\n## ", 1)[0]
BLOCKS = [[line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]
          for block in re.findall(r"^ *```sh\n(.*?)^ *```", SECTION, re.S | re.M)]
PUBLISH, DEPLOY = BLOCKS[0], BLOCKS[1]

pytestmark = pytest.mark.skipif(not (shutil.which("make") and shutil.which("bash") and shutil.which("sha256sum")),
                                reason="需要 make、bash 和 GNU coreutils（sha256sum）")


def sh(line: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_") and k != "KEEP"}
    env["PORTAL_CACHE_DIR"] = os.environ["PORTAL_CACHE_DIR"]      # thumbnails: the session's cache
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)


def test_the_section_has_the_blocks_this_test_runs():
    assert PUBLISH == ["make build", "PORTAL_SITE_URL=http://内网主机/dangjian/ make dist", "make offline"]
    assert [line.split()[0] for line in DEPLOY] == ["scripts/deploy.sh"] * 3
    assert DEPLOY[0].endswith(f"{NAME}-<版本>.tar.gz") and DEPLOY[1].endswith("--list") \
        and DEPLOY[2].endswith("--rollback")


def test_publish_and_deploy_commands_run_as_written(tmp_path):
    project = copy_project(tmp_path / "portal")
    for line in PUBLISH:
        result = sh(line, project)
        assert result.returncode == 0, (line, result.stdout[-2000:], result.stderr[-3000:])

    # make build → site/; make dist rebuilt it for the sub-path; make offline left it alone
    info = json.loads((project / "site" / "build-info.json").read_text(encoding="utf-8"))
    assert info["site_url"] == "http://内网主机/dangjian/" and info["offline"] is False
    dist = project / "dist"
    version = info["version"]
    archive = dist / f"{NAME}-{version}.tar.gz"
    assert archive.is_file() and (dist / f"{NAME}-{version}.zip").is_file()
    offline = list(dist.glob(f"{NAME}-*-offline.zip"))
    assert len(offline) == 1
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 3

    # the server, where an earlier release is live
    server = tmp_path / "srv" / "dangjian"
    earlier = tmp_path / "earlier"
    shutil.copytree(project / "site", earlier / "site")
    write_tar_gz(earlier / "site", earlier / f"{NAME}-0.9.tar.gz", f"{NAME}-0.9", 1_700_000_000)
    update_sha256sums(earlier, [earlier / f"{NAME}-0.9.tar.gz"])
    first = sh(f"scripts/deploy.sh {server} {earlier / f'{NAME}-0.9.tar.gz'}", project)
    assert first.returncode == 0, first.stderr
    upload = tmp_path / "upload"                 # the archive and SHA256SUMS, copied to the server
    upload.mkdir()
    for f in (archive, dist / "SHA256SUMS"):
        shutil.copy2(f, upload)

    commands = [line.replace("/srv/dangjian", str(server)).replace(f"{NAME}-<版本>.tar.gz", str(upload / archive.name))
                for line in DEPLOY]
    deployed = sh(commands[0], project)
    assert deployed.returncode == 0, deployed.stderr
    assert os.readlink(server / "current") == f"releases/{version}"
    assert json.loads((server / "current" / "build-info.json").read_text(encoding="utf-8"))["version"] == version
    listing = sh(commands[1], project)
    assert listing.returncode == 0, listing.stderr
    lines = [line for line in listing.stdout.splitlines() if "部署于" in line]
    assert lines[0].startswith(f"* {version}") and lines[1].startswith("  0.9"), listing.stdout
    rolled = sh(commands[2], project)
    assert rolled.returncode == 0, rolled.stderr
    assert os.readlink(server / "current") == "releases/0.9"
