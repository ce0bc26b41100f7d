"""The 党建品牌 section: one page per brand, its images, and the showcase index.

URL scheme (directory URLs, see web/urls.py). Image file names carry a hash of their
content, so a changed picture never shows up stale from a browser cache:

    brands/                                  showcase index (docs/brands/index.md, {{ brand_index() }})
    brands/?unit=…&tag=…&year=…&honor=…&kw=… the index filtered (brand.js keeps the state in the URL)
    assets/portal/brand-index-data.js        the index's cards (index.py; the HTML has a compact list)
    brands/<id>/                             brand page
    brands/<id>/logo-<hash>.svg              SVG logo, published byte for byte
    brands/<id>/logo-<hash>.webp             raster logo, fitted into 256 × 256
    brands/<id>/emblem-<hash>.svg            emblem drawn from the name when there is no logo
    brands/<id>/photo-<hash>-320.webp        gallery / index thumbnail (320 px wide at most)
    brands/<id>/photo-<hash>-960.webp        what the lightbox shows (960 px wide at most)

Committed images under brands/images/ are never published as they are (except SVG
logos): see images.py for the renditions and their cache.
"""
from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from portal.brands.images import ImageCache, brand_image_paths, digest
from portal.content.models import Brand
from portal.content.newfile import new_file
from portal.web.pagecache import NO_CACHE, NoCache, PageCache
from portal.content.problems import ContentError, Problem, format_report
from portal.web.facets import facet_value
from portal.web.generated import Generated
from portal.web.render import render
from portal.web.urls import Links, page_path, page_url

INDEX_URL = "brands/"
BRAND_CSS = "assets/portal/brand.css"
THUMB, LARGE, LOGO = (320, 640), (960, 1440), (256, 256)
RELATED_LIMIT = 6

# Emblem colours: deep tones that keep white text readable (contrast ≥ 7:1), mostly reds.
EMBLEM_COLOURS = ("#b71c1c", "#c62828", "#8e1b1b", "#a31545", "#bf360c", "#8d4a00",
                  "#1a237e", "#0d47a1", "#004d40", "#1b5e20", "#4e342e", "#37474f")
_HONOR_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*(?:年度|年)?\s*")


@dataclass
class Picture:
    path: str                      # site-root-relative, e.g. brands/<id>/photo-ab12-320.webp
    width: int
    height: int
    data: bytes | str = b""


@dataclass
class Media:
    logo: Picture
    emblem: bool                   # True when the logo was drawn from the name
    photos: list[tuple[Picture, Picture]] = field(default_factory=list)   # (thumbnail, large)

    def files(self) -> list[Picture]:
        return [self.logo] + [p for pair in self.photos for p in pair]


def emblem_text(name: str) -> str:
    """The first one or two letters/digits of a brand name (quotes and spaces skipped)."""
    chars = [c for c in name if unicodedata.category(c)[0] in "LN"]
    return "".join(chars[:2]) or "党"


def emblem_style(brand_id: str) -> tuple[str, str]:
    """(colour, shape) chosen deterministically from the id."""
    h = int(hashlib.sha256(brand_id.encode("utf-8")).hexdigest(), 16)
    return EMBLEM_COLOURS[h % len(EMBLEM_COLOURS)], ("shield" if (h >> 16) % 3 == 0 else "circle")


def emblem_svg(brand: Brand) -> str:
    colour, shape = emblem_style(brand.id)
    text = emblem_text(brand.name)
    return render("brand-emblem.svg.j2", text=text, colour=colour, shape=shape, name=brand.name,
                  size=42 if len(text) == 1 else 30)


def media(lib, brand: Brand, cache: ImageCache | None = None, *, photos: int | None = None) -> Media:
    """The logo (or emblem) and photo renditions of one brand; `photos` limits how many are made."""
    cache = cache or ImageCache.for_root(lib.root)
    base = f"brands/{brand.id}/"
    logo, emblem, pairs = None, False, []
    for where, rel, path in brand_image_paths(lib.root, brand):
        if where != ("logo",) and photos is not None and len(pairs) >= photos:
            continue
        source = path.read_bytes()
        try:
            if where == ("logo",) and path.suffix.lower() == ".svg":
                logo = Picture(f"{base}logo-{digest(source)}.svg", 96, 96, source)
            elif where == ("logo",):
                r = cache.rendition(source, *LOGO, kind="large")
                logo = Picture(f"{base}logo-{digest(source)}.webp", r.width, r.height, r.data)
            else:
                key = digest(source)
                small, big = cache.rendition(source, *THUMB, kind="thumb"), cache.rendition(source, *LARGE, kind="large")
                pairs.append((Picture(f"{base}photo-{key}-{THUMB[0]}.webp", small.width, small.height, small.data),
                              Picture(f"{base}photo-{key}-{LARGE[0]}.webp", big.width, big.height, big.data)))
        except (OSError, ValueError) as e:     # passed the header check, but the pixels are damaged
            src = lib.sources.get(brand.path)
            pos = src.where(where) if src else None
            raise ContentError([Problem(brand.path, pos and pos[0] + 1, pos and pos[1] + 1,
                                        f"图片“{rel}”无法解码（{e}）：文件可能已损坏，请重新导出后再提交")]) from e
    if logo is None:
        svg = emblem_svg(brand)
        logo, emblem = Picture(f"{base}emblem-{digest(svg.encode('utf-8'))}.svg", 96, 96, svg), True
    return Media(logo, emblem, pairs)


def honor_kind(honor: str) -> str:
    """An honor without its leading year, so the same title from different years is one facet value."""
    rest = _HONOR_YEAR.sub("", honor)
    return rest or honor


def related(lib, brand: Brand) -> tuple[list[Brand], list[tuple[Brand, list[str]]]]:
    """Other brands of the same unit, and brands of other units sharing tags (most shared first)."""
    by_unit, by_tag = _brands_by_unit_and_tag(lib)
    same_unit = [b for b in by_unit[brand.unit] if b.id != brand.id]      # already in newest_first
    candidates = {b.id: b for t in brand.tags for b in by_tag.get(t, ()) if b.unit != brand.unit}
    tagged = [(b, [t for t in brand.tags if t in b.tags]) for b in candidates.values()]
    tagged.sort(key=lambda bs: (-len(bs[1]), newest_first(bs[0])))
    return same_unit[:RELATED_LIMIT], tagged[:RELATED_LIMIT]


def _brands_by_unit_and_tag(lib) -> tuple[dict, dict]:
    """Built once per load: comparing every brand with every other is 1,000,000 pairs at R1."""
    if "brands_by" not in lib.memo:
        by_unit: dict[str, list[Brand]] = {}
        by_tag: dict[str, list[Brand]] = {}
        for b in sorted(lib.brands.values(), key=newest_first):
            by_unit.setdefault(b.unit, []).append(b)
            for t in dict.fromkeys(b.tags):
                by_tag.setdefault(t, []).append(b)
        lib.memo["brands_by"] = (by_unit, by_tag)
    return lib.memo["brands_by"]


def newest_first(b: Brand):
    """Newest first, undated last, then by name."""
    return (-(b.year or 0), b.name, b.id)


def brand_page(lib, brand: Brand, m: Media) -> str:
    links = Links(page_url("brand", brand.id))
    same_unit, same_tags = related(lib, brand)
    photos = [(links.to(t.path), t, links.to(big.path)) for t, big in m.photos]
    return render("brand.md.j2", brand=brand, links=links, index=links.to(INDEX_URL), logo=m.logo,
                  logo_src=links.to(m.logo.path), emblem=m.emblem, photos=photos, same_unit=same_unit,
                  same_tags=same_tags, css=BRAND_CSS, fv=facet_value)


def _show_warnings(lib) -> None:
    """Warnings (oversized images) do not stop the build; print them where the editor looks."""
    warnings = [p for p in lib.problems if p.warning and p.path.startswith("brands/")]
    if warnings:
        print(format_report(warnings), file=sys.stderr)


def generated(lib, cache: PageCache | NoCache = NO_CACHE) -> list:
    """Every brand page and image file (site.generated_files() adds them to the site).

    With the preview's `cache`, a page is made again only when its brand, its pictures or
    what it shows of the other brands (names, units, tags, years) changed."""
    _show_warnings(lib)
    images = ImageCache.for_root(lib.root)
    outline = hash(tuple((b.id, b.name, b.unit, b.branch, b.year, tuple(b.tags)) for b in lib.brands.values()))
    out, seen = [], set()
    for brand in lib.brands.values():
        m = media(lib, brand, images)
        path = page_path("brand", brand.id)
        pictures = tuple(pic.path for pic in m.files())
        out.append(Generated(path, cache.page(path, (brand,), (outline, pictures), partial(brand_page, lib, brand, m)),
                             brand.path))
        for pic in m.files():
            if pic.path not in seen:
                seen.add(pic.path)
                out.append(Generated(pic.path, pic.data))
    return out


def new_brand(root: Path | str, brand_id: str) -> Path:
    """Write brands/<id>.yml from the commented template; never overwrites. Returns the path."""
    return new_file(root, "brand", brand_id, "brand-new.yml.j2", "hongse-yinqing")
