"""Make the theme's scripts reference nothing outside the site.

Material's bundle can load two scripts from unpkg.com: a ResizeObserver
polyfill (browsers older than 2020) and Mermaid (pages with diagrams, which the
portal has none of); GLightbox can load the Plyr video player from a CDN (the
portal has no videos). On an intranet those requests hang, so after each build
the scripts are pointed at local files instead. A patch fails loudly when the
text it expects is missing: a theme or plugin upgrade must be looked at.
"""
from __future__ import annotations

from pathlib import Path

# Resolved at run time against the bundle's own URL, so it works under any sub-path.
_LOCAL = ('document.querySelector(\'script[src*="assets/javascripts/bundle."]\').src'
          '.replace(/javascripts\\/bundle\\.[^/]*$/, "vendor/{name}")')
PATCHES = {
    "assets/javascripts/bundle.*.min.js": {
        '"https://unpkg.com/resize-observer-polyfill"': _LOCAL.format(name="ResizeObserver.js"),
        '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': _LOCAL.format(name="mermaid-unavailable.js"),
    },
    "assets/javascripts/glightbox.min.js": {
        'css:"https://cdn.plyr.io/3.6.12/plyr.css"': 'css:""',
        'js:"https://cdn.plyr.io/3.6.12/plyr.js"': 'js:""',
    },
}


class ThemePatchError(RuntimeError):
    pass


def localize_scripts(site_dir: Path) -> list[Path]:
    patched = []
    for pattern, replacements in PATCHES.items():
        files = sorted(site_dir.glob(pattern))
        if not files:
            raise ThemePatchError(f"找不到 {pattern}：主题或插件升级后请检查 portal/themepatch.py")
        for path in files:
            text = path.read_text(encoding="utf-8")
            for old, new in replacements.items():
                if old not in text and new in text:
                    continue                      # a preview rebuild kept the patched copy
                if old not in text:
                    raise ThemePatchError(f"{path.name} 中找不到 {old}：主题或插件升级后请检查 portal/themepatch.py")
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)   # source maps repeat the URLs
            patched.append(path)
    return patched
