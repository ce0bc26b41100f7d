"""The editors' synonym list for site search: `search.yml` at the content root.

    synonyms:
      - [入党誓词, 誓词]
      - [三会一课, 支部党员大会, 支部委员会, 党小组会, 党课]

A query term that is one of a group's words also finds items holding another word of
the group (docs/assets/portal/search.js applies the list at query time; the index
carries it in its manifest). The file is optional and meant to stay small.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from portal.content.problems import Collector, Problem
from portal.content.yamlsrc import decode, parse

PATH = "search.yml"
MAX_GROUPS = 200
MAX_WORD = 20
_WORD = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEPARATOR = re.compile(r"[\s,，、;；]")


def load_synonyms(root: Path, problems: list[Problem]) -> list[list[str]]:
    """Groups of words from `root/search.yml` ([] without the file); problems, each with
    its file:line:col, are added to `problems`."""
    path = Path(root) / PATH
    if not path.is_file():
        return []
    out = Collector(PATH, problems)
    text = decode(path.read_bytes(), out)
    src = None if text is None else parse(text, out)
    if src is None:
        return []
    data = src.data
    if not isinstance(data, dict):
        out.at(src.where(()), "search.yml 的内容应为“synonyms:”加一组组同义词")
        return []
    for key in data:
        if key != "synonyms":
            out.at(src.key_where((key,)), f"不认识的键“{key}”：search.yml 只有“synonyms”一项")
    groups = data.get("synonyms")
    if groups is None:
        out.at(src.where(()), "缺少“synonyms”：每组同义词写成一行，如 - [入党誓词, 誓词]")
        return []
    if not isinstance(groups, list):
        out.at(src.where(("synonyms",)), "“synonyms”应为列表，每组同义词一行，如 - [入党誓词, 誓词]")
        return []
    if len(groups) > MAX_GROUPS:
        out.at(src.where(("synonyms", MAX_GROUPS)), f"同义词不宜超过 {MAX_GROUPS} 组：检索靠原文匹配，同义词只补个别说法")
    result, seen = [], {}
    for i, group in enumerate(groups[:MAX_GROUPS]):
        where = ("synonyms", i)
        if not isinstance(group, list):
            out.at(src.where(where), "每组同义词应写成列表，如 [入党誓词, 誓词]")
            continue
        words, ok = [], True
        for k, word in enumerate(group):
            if not isinstance(word, str) or not word.strip():
                out.at(src.where(where + (k,)), "同义词应为文字")
                ok = False
                continue
            word = unicodedata.normalize("NFKC", word).strip()
            if _SEPARATOR.search(word):
                out.at(src.where(where + (k,)), f"“{word}”中有空格或标点：每个词单独写，用“, ”分隔")
                ok = False
            elif len(_WORD.findall(word)) < 2:
                out.at(src.where(where + (k,)), f"“{word}”太短：同义词至少两个字（单字会找到太多条目）")
                ok = False
            elif len(word) > MAX_WORD:
                out.at(src.where(where + (k,)), f"“{word}”太长：同义词不超过 {MAX_WORD} 个字")
                ok = False
            elif word in words:
                out.at(src.where(where + (k,)), f"“{word}”在本组中重复")
                ok = False
            else:
                words.append(word)
                if word in seen and seen[word] != i:
                    pos = src.where(where + (k,))
                    out.at(pos, f"“{word}”已在第 {seen[word] + 1} 组中：同一个词只写在一组里", warning=True)
                seen.setdefault(word, i)
        if ok and len(words) < 2:
            out.at(src.where(where), "每组至少两个词")
        elif ok:
            result.append(words)
    return result
