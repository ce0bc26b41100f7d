"""Site search index: a character-bigram index of the built HTML, as script files.

Run after the site is built (hooks.py, `on_post_build`), or by hand:

    python -m portal.search.index SITE_DIR

Documents are page sections (portal/htmltext.py): a regulation article, a heading
section, a Q&A item, a brand practice; quiz pages contribute their titles only.
Text is normalised (NFKC, lower case, no quotation or title marks, no space between two
Chinese characters: "第九章　党　组" holds 党组) and cut into tokens the way Lucene's
`cjk_bigram` does: overlapping bigrams of every run of Chinese characters, plus
ASCII letter/digit words. Title tokens are also stored as "^" + token (and, for a
section's own title, single characters as "^" + char for one-character queries),
so a query needs no dictionary and finds any substring of the text.

Files (all are scripts calling `window.__portalSearch.add(kind, n, data)`, so the
browser loads them by `<script>` injection: no fetch, no worker; works under any
sub-path and from file://):

    search/manifest.js   counts, document ranges per type, page and chunk starts, version;
                         "dm": one character per document (length class, key article),
                         "pm": one per page (regulation rank × status), "y": synonyms (search.yml),
                         "pi": one digit per page (issuer level: 0 centre, 1 central department, 2 other)
    search/s/<n>.js      {"v", "t": {token: postings}}: tokens hashed to shard n (FNV-1a), ~16 KB
    search/d/<n>.js      {"v", "p": pages, "d": [[anchor, title, context, text]]}, ~12 KB

Sections longer than MAX_DOC_CHARS are stored as several documents with one link.

Document ids follow type priority (法规, 学习资料, 品牌, 自测, 其他), then page URL,
then position in the page, so a document's type and page are known from its id.
Postings are ascending id lists, delta-coded as base-32 varints in a string.
docs/assets/portal/search.js is the query side.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import current_process, get_context
from pathlib import Path

from portal.search.htmltext import HAN, PageText, content_text, page_text

OUT = "search"
TYPES = ["法规", "学习资料", "品牌", "自测", "其他"]
SECTION_TYPES = {"regulations": 0, "study": 1, "plan": 1, "brands": 2, "quizzes": 3}
TITLES_ONLY = {3}                     # quizzes: titles only, never questions, answers or 解析
SHARD_TARGET = 16_000                 # mean bytes per postings file (hashing spreads ±; README 检索引擎的选择)
CHUNK_TARGET = 5_000                  # bytes per document-text file
MAX_WORD = 24                         # longer ASCII words are cut
MAX_DOC_CHARS = 3_000                 # longer sections are split into several documents
SKIP_PAGES = {"404.html"}
PARALLEL_FROM = 300                   # pages from which HTML is parsed on all cores
SEARCH_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "portal" / "search.js"

_HAN_RUN = re.compile(f"[{HAN}]+")
_WORD = re.compile(r"[0-9a-z]+")
_TERMINAL = "0123456789abcdefghijklmnopqrstuv"
_CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&("
_TRANSPARENT = str.maketrans("", "", "《》〈〉“”‘’「」『』\"")
# whitespace between two Chinese characters (after NFKC: ASCII space, U+3000 and NBSP are " ")
_SPACED = re.compile(f"(?<=[{HAN}])\\s+(?=[{HAN}])")
B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
# priors (search.js): regulations by rank, then status; other pages have their own code
CATEGORIES = ["党章", "准则", "条例", "规定", "办法", "规则", "细则", "其他"]
STATUSES = ["有效", "已修改", "已废止", "尚未生效"]
LENGTH_BASE = 1.3                     # document lengths are stored as round(log_1.3(1 + chars)), 0..31


def normalize(text: str) -> str:
    """NFKC, lower case, without quotation and title marks (so 问责条例自测 finds 《问责条例》自测)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_TRANSPARENT)


def join_spaced(text: str) -> str:
    """Official texts space out short headings ("第九章　党　组"): whitespace between two
    Chinese characters does not split a word (search.js: joinSpaced)."""
    return _SPACED.sub("", text)


def bigrams(text: str) -> set[str]:
    """Bigrams of Chinese runs (across spaces) and ASCII words of normalised text."""
    out = set()
    text = join_spaced(text)
    for run in _HAN_RUN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update(w[:MAX_WORD] for w in _WORD.findall(text))
    return out


def doc_code(length: int, key: bool) -> str:
    """One character per document: its length class and whether it is a key article."""
    return B64[min(31, round(math.log(1 + length, LENGTH_BASE))) + (32 if key else 0)]


# 党内法规制定条例: 中央党内法规 rank above those of 中央纪委 and the central departments
# (部委), which rank above local ones (地方); search.js: ISSUER_PRIOR
_CENTRAL = re.compile(r"^(中国共产党全国代表大会|中国共产党中央委员会|中共中央(办公厅)?|中央委员会|中央政治局)$")
_DEPARTMENT = re.compile(r"^(中共中央|中央)")


def issuer_level(issuer: str) -> int:
    """0: the Party centre (全国代表大会, 中共中央, its 办公厅); 1: 中央纪委 or a central
    department; 2: any other issuer (local), or none given. `issuer`: names joined by 、."""
    names = [n.strip() for n in issuer.split("、") if n.strip()]
    if any(_CENTRAL.match(n) for n in names):
        return 0
    if any(_DEPARTMENT.match(n) for n in names):
        return 1
    return 2


def page_code(meta: dict) -> str:
    """One character per page: regulation rank × status (8 × 4), or 63 for other pages."""
    category, status = meta.get("category"), meta.get("status")
    if category not in CATEGORIES:
        return B64[63]
    return B64[CATEGORIES.index(category) * 4 + (STATUSES.index(status) if status in STATUSES else 0)]


def chars(text: str) -> set[str]:
    return {c for run in _HAN_RUN.findall(text) for c in run}


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript strings are made of)."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(token: str, shards: int) -> int:
    """Shard of a token; "^" title tokens live with their bare token (one file per term)."""
    return fnv1a(token.lstrip("^")) % shards


def varint(n: int) -> str:
    digits = []
    while True:
        digits.append(n & 31)
        n >>= 5
        if not n:
            break
    digits.reverse()
    return "".join(_CONTINUE[d] for d in digits[:-1]) + _TERMINAL[digits[-1]]


_SMALL = [varint(n) for n in range(32 * 32 * 32)]     # deltas of up to three digits, looked up


def encode(ids: list[int]) -> str:
    """Ascending ids as delta-coded varints."""
    out, prev, small = [], 0, len(_SMALL)
    for i in ids:
        d = i - prev
        out.append(_SMALL[d] if d < small else varint(d))
        prev = i
    return "".join(out)


def decode(data: str) -> list[int]:
    out, n, prev = [], 0, 0
    for ch in data:
        d = _CONTINUE.find(ch)
        if d >= 0:
            n = n * 32 + d
        else:
            prev += n * 32 + _TERMINAL.index(ch)
            out.append(prev)
            n = 0
    return out


@dataclass
class Doc:
    page: int
    anchor: str
    title: str
    context: str
    text: str
    kind: str
    own_title_chars: bool     # index single characters of its own title (1-character queries)
    key: bool = False         # a regulation's key article (ranked slightly higher)


@dataclass
class Page:
    url: str
    title: str
    type: int
    meta: dict


def page_type(url: str) -> int:
    return SECTION_TYPES.get(url.split("/", 1)[0], 4) if "/" in url else 4


@dataclass
class PageIndex:
    """What one built page gives the index: its title and documents with their tokens."""
    title: str
    excluded: bool
    docs: list[Doc]
    tokens: list[set[str]]           # per document
    meta: dict                       # category and status of a regulation page


def read_page(html: str, titles_only: bool = False) -> PageIndex:
    return _page_index(page_text(html, titles_only=titles_only))


def read_content(content: str, title: str, flags: tuple[bool, bool], titles_only: bool = False) -> PageIndex:
    """A page read from its content before the theme wraps it (htmltext.content_text);
    flags: (excluded, title_only) from its front matter."""
    excluded, title_only = flags
    return _page_index(content_text(content, title=title, excluded=excluded, title_only=title_only,
                                    titles_only=titles_only))


def _page_index(text: PageText) -> PageIndex:
    docs = []
    for s in text.sections:
        for i, part in enumerate(parts(s.text_blocks)):
            # a long section (an index page listing a thousand brands) becomes several
            # documents with the same link, so no text file grows beyond its budget
            docs.append(Doc(-1, s.anchor, s.title, s.context, part, s.kind if i == 0 else "part",
                            i == 0 and (s.kind == "heading" or (s.kind == "item" and not s.title_from_label)),
                            s.key))
    return PageIndex(text.title, text.excluded, docs, [doc_tokens(d, text.title) for d in docs], text.meta)


def doc_tokens(d: Doc, page_title: str) -> set[str]:
    toks = bigrams(normalize(d.text))
    own = d.title if d.kind != "page" else page_title
    titles = bigrams(normalize(own + " " + d.context))
    toks.update("^" + t for t in titles)
    if d.kind == "page" or d.own_title_chars:
        toks.update("^" + c for c in chars(normalize(own)))
    return toks


def collect(site_dir: Path, parsed: dict | None = None) -> tuple[list[Page], list[Doc], list[set[str]]]:
    """Pages, their documents and the documents' tokens, in document-id order.
    `parsed`: pages already read (ahead.py), by path under the site; the others
    are read from disk."""
    found = []
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        if not indexed(rel):
            continue
        url = _url(rel)
        found.append((page_type(url), url, path, rel))
    found.sort(key=lambda t: (t[0], t[1]))
    parsed = parsed or {}
    jobs = [(str(path), kind in TITLES_ONLY) for kind, url, path, rel in found if rel not in parsed]
    read = iter(_parse_all(jobs))
    pages, docs, tokens = [], [], []
    for kind, url, path, rel in found:
        page = parsed[rel] if rel in parsed else next(read)
        if page.excluded:
            continue
        n = len(pages)
        pages.append(Page(url, page.title, kind, page.meta))
        for d in page.docs:
            d.page = n
        docs.extend(page.docs)
        tokens.extend(page.tokens)
    return pages, docs, tokens


def indexed(rel: str) -> bool:
    """Whether the built file at `rel` (under the site) is read for the index."""
    return rel.endswith(".html") and rel not in SKIP_PAGES and not rel.startswith(OUT + "/")


def titles_only(rel: str) -> bool:
    return page_type(_url(rel)) in TITLES_ONLY


def _url(rel: str) -> str:
    """Site URL of the built file at `rel` (directory URLs: "x/index.html" → "x/")."""
    return rel[:-len("index.html")] if rel.endswith("index.html") else rel


def _parse_all(jobs: list[tuple[str, bool]]) -> list[PageIndex]:
    """Read every page; at scale on every core (html.parser is the cost), in input order."""
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and not current_process().daemon:
        # fork only when single-threaded (`mkdocs serve` runs threads: spawn there)
        method = "fork" if threading.active_count() == 1 and sys.platform == "linux" else "spawn"
        try:
            with ProcessPoolExecutor(mp_context=get_context(method)) as pool:
                return list(pool.map(_read_file, jobs, chunksize=32))
        except (OSError, RuntimeError, BrokenProcessPool):
            pass                                  # no worker processes here: parse serially
    return [_read_file(job) for job in jobs]


def _read_file(job: tuple[str, bool]) -> PageIndex:
    path, only_titles = job
    return read_page(Path(path).read_text(encoding="utf-8"), only_titles)


def parts(blocks: list[str]) -> list[str]:
    """Blocks joined into texts of at most MAX_DOC_CHARS (one text when short, "" when empty)."""
    out, cur = [], ""
    for b in blocks:
        while len(b) > MAX_DOC_CHARS:
            if cur:
                out.append(cur)
                cur = ""
            out.append(b[:MAX_DOC_CHARS])
            b = b[MAX_DOC_CHARS:]
        if cur and len(cur) + 1 + len(b) > MAX_DOC_CHARS:
            out.append(cur)
            cur = b
        else:
            cur = f"{cur} {b}" if cur else b
    out.append(cur)
    return [t for t in out if t] or [""]


def postings(tokens: list[set[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, toks in enumerate(tokens):
        for t in toks:
            index.setdefault(t, []).append(i)
    return index


def _json(data) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def script(kind: str, n: int, data) -> str:
    return f'window.__portalSearch.add("{kind}",{n},{_json(data)});\n'


def build(site_dir: Path, parsed: dict | None = None, synonyms: list[list[str]] | None = None) -> dict[str, str]:
    """Every index file (path under the site → content); deterministic for a given site.
    `synonyms`: groups of words a query may use for each other (search.yml)."""
    pages, docs, tokens = collect(Path(site_dir), parsed)
    index = postings(tokens)
    encoded = {t: encode(ids) for t, ids in index.items()}
    total = sum(len(t.encode()) + len(p) + 6 for t, p in encoded.items())
    nshards = max(1, math.ceil(total / SHARD_TARGET))
    shards: list[dict[str, str]] = [{} for _ in range(nshards)]
    for t, p in encoded.items():
        shards[shard_of(t, nshards)][t] = p

    chunks, chunk_starts, page_starts, size = [], [], [], 0
    for i, d in enumerate(docs):
        if not page_starts or docs[i - 1].page != d.page:
            page_starts.append(i)
        p = pages[d.page]
        page_cost = len(p.url) + len(p.title.encode()) + 12
        cost = len((d.anchor + d.title + d.context + d.text).encode()) + 12
        if not chunks or (chunks[-1]["d"] and size + cost + page_cost > CHUNK_TARGET):
            chunks.append({"p": {}, "d": []})
            chunk_starts.append(i)
            size = 0
        chunk = chunks[-1]
        if str(d.page) not in chunk["p"]:
            chunk["p"][str(d.page)] = [p.url, p.title]
            cost += page_cost
        chunk["d"].append([d.anchor, d.title, d.context, d.text])
        size += cost

    type_starts = [next((i for i, d in enumerate(docs) if pages[d.page].type >= t), len(docs))
                   for t in range(len(TYPES))] + [len(docs)]
    manifest = {"n": len(docs), "s": nshards, "t": TYPES, "ts": type_starts,
                "p": encode(page_starts), "c": encode(chunk_starts),
                "dm": "".join(doc_code(len(d.text), d.key) for d in docs),
                "pm": "".join(page_code(p.meta) for p in pages),
                "pi": "".join(str(issuer_level(p.meta.get("issuer", ""))) for p in pages)}
    if synonyms:
        manifest["y"] = synonym_groups(synonyms)
    # every file names the index version: a file from another build is refused, not misread
    version = hashlib.sha256(_json([manifest, shards, chunks]).encode()).hexdigest()[:12]
    files = {f"{OUT}/manifest.js": script("m", 0, {**manifest, "v": version})}
    files.update((f"{OUT}/s/{n}.js", script("s", n, {"v": version, "t": shard})) for n, shard in enumerate(shards))
    files.update((f"{OUT}/d/{n}.js", script("d", n, {"v": version, **chunk})) for n, chunk in enumerate(chunks))
    return files


def synonym_groups(synonyms: list[list[str]]) -> list[list[str]]:
    return [[normalize(w) for w in group] for group in synonyms]


def set_synonyms(site_dir: Path | str, synonyms: list[list[str]] | None) -> bool:
    """Put new synonym groups into an index already written (the preview, after search.yml
    changed). They are applied at query time, so shards and texts stay valid and keep their
    version. True when the manifest changed."""
    path = Path(site_dir) / OUT / "manifest.js"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    data = json.loads(text[text.index("{"):text.rindex("}") + 1])
    data.pop("y", None)
    if synonyms:
        data["y"] = synonym_groups(synonyms)
    new = script("m", 0, data)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def write_index(site_dir: Path | str, parsed: dict | None = None, synonyms: list[list[str]] | None = None) -> dict:
    """Write the index into the built site; returns figures for logs and tests.
    `parsed`: pages already read while the site was written (ahead.py)."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    files = build(site_dir, parsed, synonyms)
    out = site_dir / OUT
    for sub in ("s", "d"):
        if (out / sub).is_dir():
            shutil.rmtree(out / sub)
    for rel, content in files.items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
    sizes = {rel: len(c.encode()) for rel, c in files.items()}
    shard_sizes = [v for k, v in sizes.items() if k.startswith(f"{OUT}/s/")]
    chunk_sizes = [v for k, v in sizes.items() if k.startswith(f"{OUT}/d/")]
    return {"docs": int(re.search(r'"n":(\d+)', files[f"{OUT}/manifest.js"])[1]),
            "shards": len(shard_sizes), "chunks": len(chunk_sizes), "bytes": sum(sizes.values()),
            "shard_max": max(shard_sizes), "shard_mean": sum(shard_sizes) // len(shard_sizes),
            "chunk_max": max(chunk_sizes, default=0), "manifest": sizes[f"{OUT}/manifest.js"],
            "seconds": round(time.perf_counter() - started, 2)}


def run_queries(site_dir: Path | str, queries: list[str], timeout: int = 300) -> list[dict] | None:
    """Run the real query code (search.js under Node) over a built site; None without Node.

    One dict per query: ranked result URLs ("regulations/x/#art-3"), total, counts per
    type, and the bytes of index files a browser loads for it as its first query.
    """
    node = shutil.which("node")
    if not node:
        return None
    result = subprocess.run([node, str(SEARCH_JS), str(site_dir), *queries], capture_output=True,
                            text=True, encoding="utf-8", timeout=timeout)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return [json.loads(line) for line in result.stdout.splitlines()]


def first_query_bytes(site_dir: Path | str, query: str) -> int | None:
    """Bytes of index files a browser loads for its first query (None without Node)."""
    runs = run_queries(site_dir, [query])
    return runs[0]["bytes"] if runs else None


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("用法：python -m portal.search.index 网站目录 [内容根目录（读取其中的 search.yml 同义词）]",
              file=sys.stderr)
        return 2
    synonyms = None
    if len(argv) == 2:
        from portal.content.problems import format_report
        from portal.content.synonyms import load_synonyms
        problems: list = []
        synonyms = load_synonyms(Path(argv[1]), problems)
        if problems:
            print(format_report(problems), file=sys.stderr)
            if any(not p.warning for p in problems):
                return 1
    stats = write_index(argv[0], synonyms=synonyms)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
