"""Brand images: resized copies for the site.

Raster images (JPEG, PNG, WebP, GIF) are never published as committed: the build
publishes WebP renditions made with Pillow (EXIF orientation applied, metadata such
as GPS positions dropped). Renditions are cached on disk, keyed by the SHA-256 of
the source bytes plus the target box and encoder settings, so a rebuild only
re-encodes images that changed:

    <content root>/.cache/brands/<sha256[:24]>-<max_w>x<max_h>-<VERSION>.webp

($PORTAL_CACHE_DIR/brands/ instead when that variable is set: the tests keep the
work tree clean with it.)

Which files a brand uses and whether they are usable: content/imagefiles.py.

Pillow is imported lazily: `python -m portal check` only pays for it when brands
have raster images.
"""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from portal.content.imagefiles import brand_image_paths  # noqa: F401  (the brand pages' way in)
from portal.web.fingerprint import digest  # noqa: F401  (file names of renditions; tests use it)

VERSION = "w1"                    # bump when the encoder settings below change
QUALITY = {"thumb": 74, "large": 80}
CACHE_DIR = Path(".cache") / "brands"


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int


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
