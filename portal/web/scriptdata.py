"""Data handed to page scripts inside <script> elements."""
from __future__ import annotations

import json

from markupsafe import Markup

_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(data) -> Markup:
    """JSON safe inside <script>: no `<`, `>`, `&`, U+2028/2029 left unescaped.

    Those characters can only occur inside JSON strings, where `\\uXXXX` means the
    same character, so the data round-trips exactly.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, escaped in _SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return Markup(text)
