"""Publishing: atomic builds, release archives, build info and the offline copy.

MkDocs runs in a subprocess (this package never imports it). Every build goes
to a temporary directory next to its destination and replaces the destination
only when MkDocs succeeded, so a failed build leaves the previous site as it was.

Release layout (see README, "发布与回滚"):

    dist/<NAME>-<version>.tar.gz      the built site under <NAME>-<version>/
    dist/<NAME>-<version>.zip         the same, as a zip
    dist/<NAME>-<version>-offline.zip a copy that works from file:// (plus launchers)
    dist/SHA256SUMS                   `sha256sum -c SHA256SUMS` checks every archive

Version: $PORTAL_VERSION, else `git describe --tags --always` (+ "-dirty" when the
work tree has uncommitted or untracked changes), else the UTC date outside git.
"""
from __future__ import annotations

import base64
import contextlib
import ctypes
import ctypes.util
import gzip
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

NAME = "dangjian-portal"
BUILD_INFO = "build-info.json"
ROOT = Path(__file__).resolve().parents[2]
LAUNCHERS = ROOT / "scripts" / "offline"          # templates copied into the offline copy
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
FAULT_ENV = "PORTAL_PUBLISH_FAULT"                # tests: make a build fail at a given step
VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,63}")
ZIP_EPOCH = 315532800                             # 1980-01-01, the earliest zip timestamp


class PublishError(Exception):
    """A problem the administrator must fix; the message is shown as is."""


@dataclass
class GitInfo:
    commit: str | None = None
    describe: str | None = None
    dirty: bool | None = None
    commit_time: int | None = None


# --- provenance -------------------------------------------------------------

def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30,
                              check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def git_info(root: Path) -> GitInfo:
    commit = _git(root, "rev-parse", "HEAD")
    if not commit:
        return GitInfo()
    status = _git(root, "status", "--porcelain", "--untracked-files=normal")
    ct = _git(root, "log", "-1", "--format=%ct")
    return GitInfo(commit=commit, describe=_git(root, "describe", "--tags", "--always"),
                   dirty=bool(status) if status is not None else None,
                   commit_time=int(ct) if ct and ct.isdigit() else None)


def release_version(root: Path, git: GitInfo | None = None) -> str:
    """$PORTAL_VERSION, else git describe (+ -dirty), else the UTC date and time."""
    version = os.environ.get("PORTAL_VERSION", "").strip()
    if not version:
        git = git or git_info(root)
        if git.describe:
            version = git.describe + ("-dirty" if git.dirty else "")
        else:
            version = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    if not VERSION_RE.fullmatch(version):
        raise PublishError(f"版本号“{version}”不能用作文件名：只能由字母、数字和 . _ + - 组成（最长 64 个字符），"
                           "且以字母或数字开头。请检查环境变量 PORTAL_VERSION。")
    return version


def archive_epoch(git: GitInfo) -> int:
    """Timestamp for every archive entry: $SOURCE_DATE_EPOCH, else the commit date."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return int(env)
    return git.commit_time or int(time.time())


def content_counts(root: Path) -> dict[str, int]:
    from portal.content.loader import load
    from portal.build import content_root
    return load(content_root(root)).counts()


def _package_version(dist: str) -> str | None:
    from importlib import metadata
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def build_info(root: Path, version: str, git: GitInfo, site_dir: Path, *, offline: bool) -> dict:
    return {
        "name": NAME,
        "version": version,
        "commit": git.commit,
        "dirty": git.dirty,
        "built_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "site_url": "" if offline else os.environ.get("PORTAL_SITE_URL", ""),
        "offline": offline,
        "counts": content_counts(root),
        "generator": {"mkdocs": _package_version("mkdocs"), "material": _package_version("mkdocs-material")},
        "csp_hashes": {k: sorted(v) for k, v in inline_hashes(site_dir).items()},
    }


# --- Content-Security-Policy -----------------------------------------------

_INLINE_RE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_STYLE_ATTR_RE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(site_dir: Path) -> dict[str, set[str]]:
    """CSP hash sources of every inline <script> that runs and every <style> element, by directive."""
    found: dict[str, set[str]] = {"script-src": set(), "style-src": set()}
    for page in Path(site_dir).rglob("*.html"):
        for m in _INLINE_RE.finditer(page.read_text(encoding="utf-8", errors="replace")):
            tag, attrs, body = m.group(1).lower(), m.group(2), m.group(3)
            if tag == "style":
                found["style-src"].add(_csp_hash(body))
                continue
            if re.search(r"\bsrc\s*=", attrs, re.I):
                continue
            t = _TYPE_RE.search(attrs)
            if (t.group(1).lower() if t else "") in _JS_TYPES:   # data blocks (application/json) never run
                found["script-src"].add(_csp_hash(body))
    return found


def nginx_csp(conf: Path = NGINX_CONF) -> dict[str, list[str]] | None:
    """The Content-Security-Policy of the sample nginx config, as {directive: sources}."""
    if not conf.is_file():
        return None
    m = re.search(r"""add_header\s+Content-Security-Policy\s+"([^"]+)\"""", conf.read_text(encoding="utf-8"))
    if not m:
        return None
    policy = {}
    for part in m.group(1).split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def uncovered_inline(site_dir: Path, conf: Path = NGINX_CONF) -> dict[str, set[str]]:
    """What the sample nginx CSP would block, by directive: inline script/style hashes, or the
    pages with style="…" attributes (style-src-attr 'none')."""
    policy = nginx_csp(conf)
    if policy is None:
        return {}
    missing = {}
    for directive, hashes in inline_hashes(site_dir).items():
        allowed = policy.get(directive, policy.get("default-src", []))
        if "'unsafe-inline'" not in allowed and hashes - set(allowed):
            missing[directive] = hashes - set(allowed)
    if policy.get("style-src-attr") == ["'none'"]:
        pages = {p.relative_to(site_dir).as_posix() for p in Path(site_dir).rglob("*.html")
                 if _STYLE_ATTR_RE.search(p.read_text(encoding="utf-8", errors="replace"))}
        if pages:
            missing["style-src-attr"] = pages
    return missing


# --- atomic build -----------------------------------------------------------

def _fault(step: str) -> None:
    if os.environ.get(FAULT_ENV) == step:
        raise RuntimeError(f"{FAULT_ENV}={step}：测试注入的构建失败")


def _check_destination(root: Path, site_dir: Path) -> None:
    site, root = site_dir.resolve(), root.resolve()
    if site == root or site in root.parents or (site_dir.exists() and not site_dir.is_dir()):
        raise PublishError(f"不能把网站构建到 {site_dir}：它是项目目录本身、项目的上级目录或一个文件。")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / "index.html").is_file():
        raise PublishError(f"{site_dir} 已存在，但不像是以前构建的网站（没有 index.html）。"
                           "为避免误删文件，构建已停止；请换一个输出目录或先手工清理。")


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_into_place(new: Path, dest: Path) -> None:
    """Replace directory `dest` by `new` (same filesystem); `new` is gone afterwards."""
    if not dest.exists():
        os.rename(new, dest)
        return
    if _renameat2_exchange(new, dest):      # dest is never missing, not even for a moment
        shutil.rmtree(new)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    os.rename(dest, old / "site")
    try:
        os.rename(new, dest)
    except BaseException:
        os.rename(old / "site", dest)
        raise
    shutil.rmtree(old)


def run_mkdocs(root: Path, out_dir: Path, env: dict[str, str] | None = None) -> None:
    """`mkdocs build --strict` of the project at `root` into `out_dir`.

    MkDocs' INFO lines (which would name the temporary directory) are dropped; warnings,
    errors and the portal's content report are passed on to stderr as they come.
    """
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise PublishError(f"找不到 {config}：请在项目目录中运行，或用 --root 指定项目目录。")
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out_dir)]
    with subprocess.Popen(cmd, cwd=root, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace") as proc:   # cwd: jieba_dict_user
        for line in proc.stdout:
            if not line.startswith("INFO "):
                sys.stderr.write(line)
    if proc.returncode != 0:
        raise PublishError(f"MkDocs 构建失败（退出码 {proc.returncode}），原因见上方输出。")


@contextlib.contextmanager
def _temp_dir_beside(dest: Path, tag: str):
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.{tag}-", dir=dest.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build(root: Path, site_dir: Path, *, version: str | None = None, git: GitInfo | None = None) -> dict:
    """Build into a temporary directory beside `site_dir`, then swap it in; returns the build info.

    On any failure `site_dir` is left exactly as it was and the temporary directory is removed.
    """
    root, site_dir = Path(root).resolve(), Path(site_dir).absolute()
    if site_dir.is_symlink():
        site_dir = site_dir.resolve()   # replace the directory it points to, keep the link
    _check_destination(root, site_dir)
    git = git or git_info(root)
    version = version or release_version(root, git)
    with _temp_dir_beside(site_dir, "building") as tmp:
        out = tmp / "site"
        run_mkdocs(root, out)
        _fault("after-mkdocs")
        info = build_info(root, version, git, out, offline=False)
        _write_json(out / BUILD_INFO, info)
        out.chmod(0o755)
        swap_into_place(out, site_dir)
    return info


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- archives ---------------------------------------------------------------

def _entries(site_dir: Path) -> list[tuple[str, Path]]:
    """(relative posix path, path) of every directory and file, sorted; directories end in '/'."""
    out = []
    for dirpath, dirnames, filenames in os.walk(site_dir):
        dirnames.sort()
        base = Path(dirpath)
        rel = base.relative_to(site_dir).as_posix()
        if rel != ".":
            out.append((rel + "/", base))
        out.extend(((base / f).relative_to(site_dir).as_posix(), base / f) for f in sorted(filenames))
    return sorted(out)


def _mode(rel: str) -> int:
    return 0o755 if rel.endswith("/") or rel.endswith((".sh", ".py")) else 0o644


def write_tar_gz(site_dir: Path, target: Path, prefix: str, epoch: int,
                 extra: dict[str, bytes] | None = None) -> None:
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch, compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        def add(rel: str, data: bytes | None) -> None:
            info = tarfile.TarInfo(f"{prefix}/{rel}".rstrip("/"))
            mode = 0o755 if data is None else _mode(rel)
            info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = epoch, mode, 0, 0, "", ""
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        add("", None)
        for rel, data in _all_entries(site_dir, extra):
            add(rel, data)
    _write_atomic(target, raw.getvalue())


def write_zip(site_dir: Path, target: Path, prefix: str, epoch: int,
              extra: dict[str, bytes] | None = None) -> None:
    raw = io.BytesIO()
    stamp = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel, data in [("", None), *_all_entries(site_dir, extra)]:
            name = f"{prefix}/{rel}".rstrip("/") + ("/" if data is None else "")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3   # unix: keep the modes below (executable launchers)
            if data is None:
                info.external_attr = (0o040000 | _mode(rel + "/")) << 16 | 0x10
                zf.writestr(info, b"")
            else:
                info.external_attr = (0o100000 | _mode(rel)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
    _write_atomic(target, raw.getvalue())


def _all_entries(site_dir: Path, extra: dict[str, bytes] | None):
    items = {rel: (None if rel.endswith("/") else path.read_bytes()) for rel, path in _entries(site_dir)}
    items.update(extra or {})
    for rel in sorted(items):
        yield rel.rstrip("/") if items[rel] is None else rel, items[rel]


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def update_sha256sums(dist_dir: Path, files: list[Path]) -> Path:
    """Add/refresh `files` in dist/SHA256SUMS (sha256sum format); drop entries of deleted files."""
    sums = dist_dir / "SHA256SUMS"
    entries: dict[str, str] = {}
    if sums.is_file():
        for line in sums.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            name = name.lstrip("*")
            if name and (dist_dir / name).is_file():
                entries[name] = digest
    for f in files:
        entries[f.name] = sha256_file(f)
    _write_atomic(sums, "".join(f"{entries[n]}  {n}\n" for n in sorted(entries)).encode("utf-8"))
    return sums


def dist(root: Path, site_dir: Path, dist_dir: Path) -> tuple[dict, list[Path]]:
    """Build `site_dir` (atomically), then write the .tar.gz and .zip releases and SHA256SUMS."""
    root = Path(root).resolve()
    git = git_info(root)
    version = release_version(root, git)
    info = build(root, site_dir, version=version, git=git)
    epoch = archive_epoch(git)
    stem = f"{NAME}-{version}"
    targets = [dist_dir / f"{stem}.tar.gz", dist_dir / f"{stem}.zip"]
    write_tar_gz(site_dir, targets[0], stem, epoch)
    write_zip(site_dir, targets[1], stem, epoch)
    update_sha256sums(dist_dir, targets)
    return info, targets


# --- offline copy -----------------------------------------------------------

_HREF_RE = re.compile(r"""(<(?:a|link)\b[^>]*?\bhref=)(["'])([^"']*)\2""", re.I)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _index_link(url: str, page_dir: str, site_dir: Path) -> str:
    """A relative link to a folder ("x/", "..", "x/#a") as a link to its index.html (file:// has no index)."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME_RE.match(url):
        return url
    path, sep, rest = _split_url(url)
    if not (path.endswith("/") or posixpath.basename(path) in (".", "..")):
        return url
    target = posixpath.normpath(posixpath.join(page_dir, path))
    if target == ".." or target.startswith("../") or not (site_dir / target / "index.html").is_file():
        return url
    new = "index.html" if path in (".", "./") else path.rstrip("/") + "/index.html"
    return new + sep + rest


def _split_url(url: str) -> tuple[str, str, str]:
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:cut + 1], url[cut + 1:]


def make_offline(site_dir: Path) -> int:
    """Turn a built site (directory URLs) into one that works from file://; returns pages changed.

    - links to folders point at their index.html (no web server resolves them offline;
      docs/assets/portal/offline.js does the same for links scripts create);
    - 404.html goes (nothing shows it offline, and its links are root-absolute).
    The portal's search loads its index by <script> injection, which works from files.
    """
    site_dir = Path(site_dir)
    (site_dir / "404.html").unlink(missing_ok=True)
    pages = 0
    for page in sorted(site_dir.rglob("*.html")):
        rel_dir = page.parent.relative_to(site_dir).as_posix()
        html = page.read_text(encoding="utf-8")
        new = _HREF_RE.sub(lambda m: m.group(1) + m.group(2) + _index_link(m.group(3), rel_dir, site_dir)
                           + m.group(2), html)
        if new != html:
            page.write_text(new, encoding="utf-8")
            pages += 1
    return pages


def _launchers() -> dict[str, bytes]:
    """Files added next to index.html in the offline copy (Windows ones in GBK with CRLF)."""
    out = {}
    for path in sorted(LAUNCHERS.iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".bat":
            out[path.name] = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("gbk")
        elif path.suffix == ".txt":
            out[path.name] = b"\xef\xbb\xbf" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
        else:
            out[path.name] = text.encode("utf-8")
    return out


def offline(root: Path, dist_dir: Path) -> tuple[dict, Path]:
    """Write dist/<NAME>-<version>-offline.zip: the site for file:// plus local-server launchers."""
    root = Path(root).resolve()
    git = git_info(root)
    version = release_version(root, git)
    stem = f"{NAME}-{version}-offline"
    target = Path(dist_dir) / f"{stem}.zip"
    with _temp_dir_beside(target, "building") as tmp:
        out = tmp / "site"
        run_mkdocs(root, out, env={"PORTAL_SITE_URL": ""})   # relative links only
        _fault("after-mkdocs")
        make_offline(out)
        info = build_info(root, version, git, out, offline=True)
        _write_json(out / BUILD_INFO, info)
        write_zip(out, target, stem, archive_epoch(git), extra=_launchers())
    update_sha256sums(Path(dist_dir), [target])
    return info, target
