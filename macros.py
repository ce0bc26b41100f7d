"""mkdocs-macros entry: exposes portal/ helpers to pages that opt in (render_macros: true)."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from portal import render  # noqa: E402
from portal.site import content_root, load_checked  # noqa: E402


def define_env(env):
    def library():
        return load_checked(content_root(HERE))

    @env.macro
    def regulation_index():
        """All regulations with filters (法规制度 index page)."""
        return render.regulation_index(library(), env.page.url)
