"""Tiny PDF writer for tests: text lines at given positions, with a real CJK text layer.

Uses the standard Adobe-GB1 font STSong-Light (not embedded) with the UniGB-UTF16-H
encoding, as many Chinese PDF producers do; pypdf reads the text back exactly.
"""
from __future__ import annotations

WIDTH, HEIGHT = 420, 595


def make_pdf(pages: list[list[tuple[float, float, str]]], image_pages: tuple[int, ...] = ()) -> bytes:
    """`pages`: per page, (x, y, text) lines. Pages listed in `image_pages` (1-based)
    also show a small grey image, as a scanned page does."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H "
               b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>] >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream")
    pages_id = len(objs) + 2 * len(pages) + 2
    kids = []
    for n, lines in enumerate(pages, 1):
        ops = ["q 300 0 0 400 60 100 cm /Im1 Do Q"] if n in image_pages else []
        if lines:
            ops.append("BT /F1 12 Tf")
            ops += [f"1 0 0 1 {x} {y} Tm <{text.encode('utf-16-be').hex().upper()}> Tj" for x, y, text in lines]
            ops.append("ET")
        data = "\n".join(ops).encode("ascii")
        content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_id, WIDTH, HEIGHT, content, font, image)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def typeset(text: str, *, width: int = 28, per_page: int = 30, header: str | None = None,
            indent: bool = True, page_numbers: bool = True) -> list[list[tuple[float, float, str]]]:
    """Lay a plain text out as a printer would: lines cut every `width` characters,
    `per_page` lines a page, a running header on top of every page and `- n -` below.
    With `indent`, the first line of each paragraph starts two characters in."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    rows = []
    for i, p in enumerate(paras):
        for j in range(0, len(p), width):
            rows.append((64 if indent and j == 0 and i > 0 else 40, p[j:j + width]))
    pages = []
    for start in range(0, len(rows), per_page):
        page = [(40, 570, header)] if header else []
        page += [(x, 540 - 17 * k, line) for k, (x, line) in enumerate(rows[start:start + per_page])]
        if page_numbers:
            page.append((200, 20, f"- {len(pages) + 1} -"))
        pages.append(page)
    return pages
