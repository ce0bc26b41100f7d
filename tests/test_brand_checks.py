"""Brand image checks: missing, outside brands/, unusable or unsafe files (errors at file:line:col)
and oversized files (a warning that the check and the build show without failing)."""
from __future__ import annotations

import io
import random

from PIL import Image

from conftest import BRAND, build, check

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>'


def jpeg(width=64, height=48, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


def noise_png(width=640, height=420) -> bytes:
    """Random pixels do not compress: a PNG of ~800 KB, over the 500 KB budget."""
    rnd = random.Random(42)
    im = Image.frombytes("RGB", (width, height), bytes(rnd.getrandbits(8) for _ in range(width * height * 3)))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("brands/")]


def test_missing_image_is_an_error_at_its_line(project):
    root = project({"brands/shili.yml": BRAND + "logo: images/none.svg\nphotos:\n  - images/a.jpg\n  - images/gone.jpg\n",
                    "brands/images/a.jpg": jpeg()})
    result = check(root)
    assert result.returncode == 1
    assert errors(result) == [
        "brands/shili.yml:8:7: 图片“images/none.svg”不存在（路径相对于 brands/）",
        "brands/shili.yml:11:5: 图片“images/gone.jpg”不存在（路径相对于 brands/）",
    ]


def test_paths_leaving_brands_are_rejected(project):
    root = project({"brands/shili.yml": BRAND + "logo: ../regulations/x.svg\nphotos: [/etc/hostname, images/../../secret.jpg]\n",
                    "regulations/x.svg": SVG.decode(), "secret.jpg": jpeg()})
    result = check(root)
    assert result.returncode == 1
    assert errors(result) == [
        "brands/shili.yml:8:7: 图片路径“../regulations/x.svg”不能指向 brands/ 以外",
        "brands/shili.yml:9:10: 图片路径“/etc/hostname”不能指向 brands/ 以外",
        "brands/shili.yml:9:25: 图片路径“images/../../secret.jpg”不能指向 brands/ 以外",
    ]


def test_unusable_and_unsafe_images_are_errors(project):
    root = project({
        "brands/shili.yml": BRAND + "logo: images/evil.svg\nphotos:\n  - images/photo.heic\n  - images/broken.jpg\n"
                                    "  - images/drawing.svg\n  - images/ok.jpg\n",
        "brands/other.yml": BRAND + "logo: images/remote.svg\n",
        "brands/third.yml": BRAND + "logo: images/handler.svg\n",
        "brands/images/evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "brands/images/remote.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    b'<image xlink:href="http://example.com/a.png"/></svg>',
        "brands/images/handler.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>',
        "brands/images/photo.heic": b"\x00\x00\x00\x18ftypheic",
        "brands/images/broken.jpg": b"this is not a picture",
        "brands/images/drawing.svg": SVG,
        "brands/images/ok.jpg": jpeg(),
    })
    result = check(root)
    assert result.returncode == 1
    got = errors(result)
    assert got[0].startswith("brands/other.yml:8:7: 图片“images/remote.svg”：SVG 标志中不能引用外部文件或链接")
    assert got[1].startswith("brands/shili.yml:8:7: 图片“images/evil.svg”：SVG 标志中不能包含 <script> 元素")
    assert got[2].startswith("brands/shili.yml:10:5: 图片“images/photo.heic”：不支持“.heic”格式的图片：请另存为 JPEG、PNG 或 WebP")
    assert got[3].startswith("brands/shili.yml:11:5: 图片“images/broken.jpg”：文件无法作为图片读取")
    assert got[4].startswith("brands/shili.yml:12:5: 图片“images/drawing.svg”：照片不能是 SVG 矢量图")
    assert got[5].startswith("brands/third.yml:8:7: 图片“images/handler.svg”：SVG 标志中不能包含事件属性“onclick”")
    assert len(got) == 6, got


def test_oversized_image_is_a_warning_in_check_and_build(project, tmp_path):
    big = noise_png()
    assert len(big) > 500 * 1024
    root = project({"brands/shili.yml": BRAND + "photos:\n  - images/small.jpg\n  - images/big.png\n",
                    "brands/images/small.jpg": jpeg(), "brands/images/big.png": big})
    result = check(root)
    assert result.returncode == 0, result.stderr
    warning = f"brands/shili.yml:10:5: 警告：图片“images/big.png”有 {round(len(big) / 1024)} KB，超过 500 KB 的建议上限。"
    assert [line for line in result.stderr.splitlines() if line.startswith("brands/")] == [
        line for line in result.stderr.splitlines() if line.startswith(warning)]
    assert warning in result.stderr and "宽 1920 像素以内" in result.stderr
    assert "检查通过" in result.stdout

    site = tmp_path / "site"
    built = build(root, site)
    assert built.returncode == 0, built.stderr[-3000:]
    assert warning in built.stderr          # shown by the build, which still succeeds
    published = sorted(p.name for p in (site / "brands" / "shili").iterdir())
    assert not any(name.endswith(".png") for name in published)   # only the renditions are published
    thumbs = [site / "brands" / "shili" / n for n in published if n.endswith("-320.webp")]
    assert len(thumbs) == 2 and all(p.stat().st_size < 100 * 1024 for p in thumbs)


def test_reserved_id_stops_the_build(project, tmp_path):
    root = project({"brands/index.yml": BRAND})
    built = build(root, tmp_path / "site")
    assert built.returncode != 0
    assert "brands/index.yml: 编号“index”与品牌展示首页的地址 brands/index/ 相同，请换一个文件名" in built.stderr
