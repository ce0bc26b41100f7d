"""Brand images: which files a brand uses, whether they are usable, and resized copies.

Raster images (JPEG, PNG, WebP, GIF) are never published as committed: the build
publishes WebP renditions made with Pillow (EXIF orientation applied, metadata such
as GPS positions dropped). Renditions are cached on disk, keyed by the SHA-256 of
the source bytes plus the target box and encoder settings, so a rebuild only
re-encodes images that changed:

    <content root>/.cache/brands/<sha256[:24]>-<max_w>x<max_h>-<VERSION>.webp

($PORTAL_CACHE_DIR/brands/ instead when that variable is set: the tests keep the
work tree clean with it.)

SVG logos are published byte for byte and only ever referenced with <img> (an SVG
loaded as an image cannot run script or fetch anything); `svg_problem` still
rejects scripts, event handlers and external references, because a reader can
open the file's own URL directly.

Pillow is imported lazily: `python -m portal check` only pays for it when brands
have raster images.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

SIZE_BUDGET = 500 * 1024          # bytes; larger source files get a warning
RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
RASTER_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}   # MPO: JPEGs from some phone cameras
MAX_PIXELS = 40_000_000           # a 8000 × 5000 photo; beyond that decoding costs too much memory
VERSION = "w1"                    # bump when the encoder settings below change
QUALITY = {"thumb": 74, "large": 80}
CACHE_DIR = Path(".cache") / "brands"

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
_INTERNAL_REF = re.compile(r"#|data:image/(png|jpeg|gif|webp);", re.I)   # embedded bitmaps are fine
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int


def brand_image_paths(root: Path, brand) -> list[tuple[tuple, str, Path]]:
    """(YAML path, value, file) for each image the brand names that exists inside brands/.

    Missing files and paths leaving brands/ are reported by checks.check_brand_images.
    """
    base = (root / "brands").resolve()
    named = ([(("logo",), brand.logo)] if brand.logo else []) + [
        (("photos", i), p) for i, p in enumerate(brand.photos)]
    found = []
    for where, rel in named:
        path = (base / rel).resolve()
        if path.is_relative_to(base) and path.is_file():
            found.append((where, rel, path))
    return found


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{round(size / 1024)} KB"


def size_advice(rel: str, size: int) -> str:
    return (f"图片“{rel}”有 {size_text(size)}，超过 {SIZE_BUDGET // 1024} KB 的建议上限。网站只发布自动生成的"
            f"缩略图，不影响读者浏览，但会让内容仓库越来越大：请先把图片缩小到宽 1920 像素以内、"
            f"另存为质量约 80% 的 JPEG（手机截图、相机原图尤其需要压缩），再替换提交。")


def image_problem(path: Path, *, logo: bool) -> str | None:
    """Why this file cannot be used as a brand logo/photo (Chinese), or None."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        if not logo:
            return "照片不能是 SVG 矢量图：请用 JPEG、PNG 或 WebP 格式的照片（SVG 只用于标志）"
        return svg_problem(path.read_bytes())
    if suffix not in RASTER_SUFFIXES:
        kinds = "JPEG、PNG、WebP 或 SVG" if logo else "JPEG、PNG 或 WebP"
        return f"不支持“{suffix or '无扩展名'}”格式的图片：请另存为 {kinds} 格式"
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as im:
            if im.format not in RASTER_FORMATS:
                return f"文件内容是 {im.format} 格式的图片，与扩展名不符：请另存为 JPEG、PNG 或 WebP 格式"
            if im.width * im.height > MAX_PIXELS:
                return f"图片尺寸 {im.width}×{im.height} 像素过大：请缩小到宽 1920 像素以内再提交"
            im.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return "文件无法作为图片读取（可能已损坏，或不是图片）：请重新导出为 JPEG、PNG 或 WebP 格式"
    return None


def svg_problem(data: bytes) -> str | None:
    """Reject SVG files that could run script or load anything when opened by their URL."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return "SVG 标志中不能有 DOCTYPE 或实体声明：请用设计软件“导出为 SVG（精简）”后再提交"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "SVG 标志无法解析（不是有效的 SVG 文件）：请用设计软件重新导出"
    if root.tag not in (_SVG_NS + "svg", "svg"):
        return "文件不是 SVG 图形（根元素应为 <svg>）"
    for el in root.iter():
        name = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if name in _SVG_FORBIDDEN:
            return f"SVG 标志中不能包含 <{name}> 元素（脚本或嵌入内容）：请删除后再提交"
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"SVG 标志中不能包含事件属性“{local}”（脚本）：请删除后再提交"
            if (attr == _XLINK_HREF or local == "href") and not _INTERNAL_REF.match(value.strip()):
                return "SVG 标志中不能引用外部文件或链接（href 只能指向图形内部的 #编号）：请把图形合并到一个文件中"
            if _EXTERNAL_URL.search(value) or "javascript:" in value.lower():
                return "SVG 标志中不能引用外部资源（url(...) 只能指向图形内部的 #编号）"
        if name == "style" and el.text and (_EXTERNAL_URL.search(el.text) or "@import" in el.text):
            return "SVG 标志的样式中不能引用外部资源（@import 或 url(...)）"
    return None


def digest(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


class ImageCache:
    """WebP renditions of source images, cached on disk (and in memory for this process)."""

    _memory: dict[tuple[str, int, int, str], Rendition] = {}

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.encoded = 0                  # renditions actually encoded by this instance (tests)

    @classmethod
    def for_root(cls, root: Path) -> "ImageCache":
        elsewhere = os.environ.get("PORTAL_CACHE_DIR")
        return cls(Path(elsewhere) / "brands" if elsewhere else Path(root) / CACHE_DIR)

    def rendition(self, source: bytes, max_w: int, max_h: int, kind: str = "thumb") -> Rendition:
        key = (hashlib.sha256(source).hexdigest()[:24], max_w, max_h, kind)
        hit = self._memory.get(key)
        if hit is not None:
            return hit
        path = self.directory / f"{key[0]}-{max_w}x{max_h}-{kind}-{VERSION}.webp"
        result = self._read(path)
        if result is None:
            result = _encode(source, max_w, max_h, QUALITY[kind])
            self.encoded += 1
            self._write(path, result.data)
        self._memory[key] = result
        return result

    @staticmethod
    def _read(path: Path) -> Rendition | None:
        if not path.is_file():
            return None
        from PIL import Image
        data = path.read_bytes()
        try:
            with Image.open(io.BytesIO(data)) as im:
                return Rendition(data, im.width, im.height)
        except OSError:
            return None     # a truncated cache file: encode again

    def _write(self, path: Path, data: bytes) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)       # atomic: a parallel build never reads half a file
        except OSError:
            pass                        # a read-only checkout still builds, just without the cache


def _encode(source: bytes, max_w: int, max_h: int, quality: int) -> Rendition:
    from PIL import Image, ImageOps
    with Image.open(io.BytesIO(source)) as im:
        im.seek(0)                               # first frame of an animated GIF/WebP
        im = ImageOps.exif_transpose(im)         # phone photos are stored sideways + a rotation tag
        if im.mode not in ("RGB", "RGBA"):
            im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        im.thumbnail((max_w, max_h), Image.Resampling.LANCZOS)   # never enlarges
        out = io.BytesIO()
        im.save(out, "WEBP", quality=quality, method=4)       # no exif= / icc: metadata is dropped
        return Rendition(out.getvalue(), im.width, im.height)
