"""Check a parsed YAML document against its declaration in schema.py.

Returns the data with defaults filled in; every mismatch is reported to the
collector with the position of the offending key or value.
"""
from __future__ import annotations

import difflib
import re
from datetime import date

from portal.content.problems import Collector
from portal.content.schema import F
from portal.content.yamlsrc import INVALID, Path, Source

KIND_NAMES = {
    "str": "文字", "markdown": "文字", "int": "整数", "bool": "true 或 false",
    "date": "日期（YYYY-MM-DD）", "enum": "文字", "list": "列表", "object": "键值对",
    "map": "键值对", "str_or_list": "文字或文字列表", "answer": "文字或列表",
}


def describe(value) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, int):
        return f"数字 {value}"
    if isinstance(value, float):
        return f"小数 {value}"
    if isinstance(value, date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值对"
    text = str(value)
    return f"文字“{text[:20]}{'…' if len(text) > 20 else ''}”"


def label(f: F, path: Path) -> str:
    if not f.key and path and isinstance(path[-1], int) and len(path) > 1 and isinstance(path[-2], str):
        return f"“{path[-2]}”的第{path[-1] + 1}项"       # an item of a list
    name = f.key or next((str(k) for k in reversed(path) if isinstance(k, str)), "")
    return f"“{name}”（{f.title}）" if name else f"“{f.title}”"


class Validator:
    def __init__(self, src: Source, out: Collector):
        self.src, self.out = src, out

    def err(self, path: Path, msg: str, key: bool = False) -> None:
        self.out.at(self.src.key_where(path) if key else self.src.where(path), msg)

    def value(self, f: F, v, path: Path):
        """Validate v against f; return the normalised value (None when invalid)."""
        if v is INVALID:
            return None
        check = getattr(self, "_" + f.kind)
        return check(f, v, path)

    def _object(self, f: F, v, path: Path):
        if not isinstance(v, dict):
            where = "文件顶层" if not path else label(f, path)
            self.err(path, f"{where}应为键值对（“键: 值”），这里是{describe(v)}")
            return None
        known = {m.key: m for m in f.fields}
        result = {}
        for k, item in v.items():
            if k not in known:
                self.err(path + (k,), self._unknown_key(k, known), key=True)
        for m in f.fields:
            if m.key not in v or v[m.key] is None:
                if m.key in v:
                    if m.required:
                        self.err(path + (m.key,), f"{label(m, path + (m.key,))}不能为空")
                elif m.required:
                    self.err(path, f"缺少必填项“{m.key}”（{m.title}）")
                result[m.key] = m.default
                continue
            result[m.key] = self.value(m, v[m.key], path + (m.key,))
        return result

    @staticmethod
    def _unknown_key(k, known: dict) -> str:
        close = difflib.get_close_matches(str(k), list(known), n=1, cutoff=0.6)
        if close:
            return f"未知的键“{k}”：是不是想写“{close[0]}”？"
        return f"未知的键“{k}”：这里可以写 {'、'.join(known)}"

    def _str(self, f: F, v, path: Path):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)    # 2023 or 1.5 typed where text was meant is still text
        if not isinstance(v, str):
            self.err(path, f"{label(f, path)}应为文字，这里是{describe(v)}")
            return None
        if not v.strip():
            self.err(path, f"{label(f, path)}不能为空")
            return None
        if f.pattern and not re.match(f.pattern, v):
            self.err(path, f"{label(f, path)}的值“{v}”格式不对：{f.pattern_hint}")
            return None
        return v.strip() if f.kind == "str" else v

    _markdown = _str

    def _int(self, f: F, v, path: Path):
        if isinstance(v, bool) or not isinstance(v, int):
            self.err(path, f"{label(f, path)}应为整数，这里是{describe(v)}")
            return None
        if (f.min is not None and v < f.min) or (f.max is not None and v > f.max):
            lo = "" if f.min is None else f"不小于 {f.min}"
            hi = "" if f.max is None else f"不大于 {f.max}"
            self.err(path, f"{label(f, path)}应{lo}{'且' if lo and hi else ''}{hi}，这里是 {v}")
            return None
        return v

    def _bool(self, f: F, v, path: Path):
        if not isinstance(v, bool):
            self.err(path, f"{label(f, path)}应为 true 或 false，这里是{describe(v)}")
            return None
        return v

    def _date(self, f: F, v, path: Path):
        if isinstance(v, date):
            return v
        if isinstance(v, str):
            m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", v.strip())
            if m:
                try:
                    return date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    self.err(path, f"日期“{v}”不存在，请检查年月日")
                    return None
        self.err(path, f"{label(f, path)}应为日期，格式 YYYY-MM-DD（如 2020-01-05），这里是{describe(v)}")
        return None

    def _enum(self, f: F, v, path: Path):
        if not isinstance(v, str) or v.strip() not in f.enum:
            self.err(path, f"{label(f, path)}的值{describe(v)}无效，可选：{'、'.join(f.enum)}")
            return None
        return v.strip()

    def _list(self, f: F, v, path: Path):
        if not isinstance(v, list):
            self.err(path, f"{label(f, path)}应为列表（如 [甲, 乙] 或每行“- ”一项），这里是{describe(v)}")
            return None
        if f.min is not None and len(v) < f.min:
            self.err(path, f"{label(f, path)}至少要有 {f.min} 项，这里有 {len(v)} 项")
        if f.max is not None and len(v) > f.max:
            self.err(path, f"{label(f, path)}最多 {f.max} 项，这里有 {len(v)} 项")
        items = [self.value(f.item, x, path + (i,)) for i, x in enumerate(v)]
        if f.item.kind == "object":
            return items    # keep None holes so indexes still match the file
        return [x for x in items if x is not None]

    def _map(self, f: F, v, path: Path):
        if not isinstance(v, dict):
            self.err(path, f"{label(f, path)}应为“条号: 内容”的键值对，这里是{describe(v)}")
            return None
        result = {}
        for k, x in v.items():
            if isinstance(k, bool) or not isinstance(k, int) or k < 1:
                self.err(path + (k,), f"{label(f, path)}的键应为条号（正整数），这里是{describe(k)}", key=True)
                continue
            item = self.value(f.item, x, path + (k,))
            if item is not None:
                result[k] = item
        return result

    def _str_or_list(self, f: F, v, path: Path):
        if isinstance(v, str) and v.strip():
            return [v.strip()]
        if isinstance(v, list) and v and all(isinstance(x, str) and x.strip() for x in v):
            return [x.strip() for x in v]
        self.err(path, f"{label(f, path)}应为文字或文字列表，这里是{describe(v)}")
        return None

    def _answer(self, f: F, v, path: Path):
        # Its meaning depends on the question type; answers.py interprets it.
        if isinstance(v, bool):
            self.err(path, f"{label(f, path)}：判断题请写“对”或“错”，不要写 true/false")
            return None
        if isinstance(v, (str, int)) or (isinstance(v, list) and v):
            return v
        self.err(path, f"{label(f, path)}应为文字或列表，这里是{describe(v)}")
        return None
