"""MkDocs glue: generated pages and the content check, delegated to portal/.

Kept thin on purpose: moving to another generator should touch only this file
and macros.py.
"""
from __future__ import annotations

import logging
import posixpath
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pathspec  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from portal.content.problems import ContentError  # noqa: E402
from portal.search.ahead import IndexAhead  # noqa: E402
from portal.search.index import set_synonyms  # noqa: E402
from portal.web.rawhtml import protect, restore  # noqa: E402
from portal.web.themepatch import localize_scripts  # noqa: E402
from portal.build import content_root, generated_files, load_checked, preview  # noqa: E402
from portal.study.pages import foreign_exclusions  # noqa: E402

_raw_blocks: dict[str, list[str]] = {}      # page src_uri -> HTML blocks set aside
_index: IndexAhead | None = None            # the search index, made while pages are written


def on_startup(command, dirty):
    preview.active = command == "serve" and dirty    # `make serve`: rebuild only what changed
    if preview.active:    # the dirty-build notice would otherwise fail the strict preview
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


def on_config(config):
    try:
        load_checked(content_root(HERE))        # every content error, before any page is written
    except ContentError as e:
        print(e, file=sys.stderr)
        raise Abort("内容检查未通过，构建已停止。")
    # A build from another content root (tests, previews) leaves out the project's own
    # study pages, which quote the project's content; that root's pages are generated.
    foreign = foreign_exclusions(HERE, content_root(HERE))
    if foreign:
        spec = pathspec.GitIgnoreSpec.from_lines(foreign)
        config.exclude_docs = config.exclude_docs + spec if config.exclude_docs else spec
    return config


def on_files(files: Files, config) -> Files:
    lib = load_checked(content_root(HERE))
    if preview.active:            # hand-written pages are few and their macros list content: always redo them
        for f in files.documentation_pages():
            f.is_modified = lambda: True
    docs = Path(config.docs_dir).resolve()
    docs_rel = docs.relative_to(HERE).as_posix() if docs.is_relative_to(HERE) else "docs"
    for item in generated_files(lib, preview.cache()):
        f = File.generated(config, item.path, content=item.content)
        if item.source:
            # edit links are resolved against edit_uri (…/docs/); point them at the YAML file
            f.edit_uri = posixpath.relpath(item.source, docs_rel)
        if preview.unchanged(item.path, item.content):
            f.is_modified = lambda: False     # a dirty rebuild keeps last build's page
        files.append(f)
    return files


def on_serve(server, config, builder):
    root = content_root(HERE).resolve()
    if root != HERE:            # content from elsewhere (previews, the benchmark): watch it too
        for folder in ("regulations", "quizzes", "brands", "checklists", "organizations"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
    # search.yml (optional, at the root): the folder, not the file, so creating it and
    # editors' save-by-rename are seen too
    server.watch(str(root), recursive=False)
    return server


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "brand-gallery" not in markdown:
        page.meta["glightbox"] = False      # lightbox assets only where a gallery is
    if page.file.generated_by is None:
        return markdown
    markdown, _raw_blocks[page.file.src_uri] = protect(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    html = restore(html, _raw_blocks.pop(page.file.src_uri, []))
    if _index:
        _index.add_content(page.file.dest_uri, page.title, page.meta, html)
    return html


def on_pre_build(config):
    global _index
    if not (preview.active and preview.builds):   # a preview rebuild keeps the first index
        _index = IndexAhead(config.site_dir, load_checked(content_root(HERE)).synonyms)


def on_post_page(output: str, page, config) -> str:
    if _index:
        _index.add(page.file.dest_uri)
    return output


def on_build_error(error):
    if _index:
        _index.close()


def on_post_build(config):
    global _index
    localize_scripts(Path(config.site_dir))      # theme scripts: no CDN requests on the intranet
    if _index:
        _index.finish()                          # search/: the header search box's index
        _index = None
    elif preview.active:                         # a preview rebuild kept the index: not search.yml
        set_synonyms(config.site_dir, load_checked(content_root(HERE)).synonyms)
    preview.builds += 1
