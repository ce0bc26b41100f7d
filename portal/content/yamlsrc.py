"""Safe YAML reading that keeps the line and column of every key and value.

The file is composed into nodes (no object construction at all, so no tag can
run code) and converted by hand, which lets us report *every* duplicate key,
refuse tags, alias bombs and absurd nesting with a Chinese message, and read
scalars by YAML 1.2 rules (`on`, `yes`, `010` stay text). Composition uses
libyaml through PyYAML: ~100× faster than a pure-Python parser on large banks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import yaml
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from portal.content.problems import Collector

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000      # expanded nodes, guards against alias bombs
MAX_DEPTH = 30

Pos = tuple[int, int]    # 0-based line, column
Path = tuple             # keys and indexes from the document root

_T = "tag:yaml.org,2002:"
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):
    """The safe loader, minus its tag guessing for text that cannot be anything but text."""

    _TYPED_STARTS = frozenset(k for k in _BASE_LOADER.yaml_implicit_resolvers if k)

    def resolve(self, kind, value, implicit):
        # most scalars here are Chinese prose: a quoted one, or one whose first character
        # starts no number, date, boolean or null, is a string without trying every pattern
        if kind is ScalarNode and value and (not implicit[0] or value[0] not in self._TYPED_STARTS):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


assert None not in _BASE_LOADER.yaml_implicit_resolvers   # no pattern applies to every scalar
_LOADER = _Loader
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_BRACKETS = re.compile(r"[\[\]{}]")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?$")


class _Invalid:
    """A value already reported as wrong (bad date, refused tag): checked no further."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass
class Source:
    """A parsed YAML document: plain data plus where each part was written."""
    data: object = None
    pos: dict[Path, Pos] = field(default_factory=dict)      # value positions
    key_pos: dict[Path, Pos] = field(default_factory=dict)  # key positions
    # block scalars (`|`, `>`): where their first content line starts
    block: dict[Path, Pos] = field(default_factory=dict)

    def where(self, path: Path) -> Pos | None:
        """Position of the value at path, falling back to its nearest parent."""
        while True:
            if path in self.pos:
                return self.pos[path]
            if not path:
                return (0, 0)
            path = path[:-1]

    def key_where(self, path: Path) -> Pos | None:
        return self.key_pos.get(path) or self.where(path)

    def line_in(self, path: Path, line: int, col: int = 0) -> Pos | None:
        """Position of line `line` (0-based) of the string at path."""
        if path in self.block:
            first, indent = self.block[path]
            return (first + line, indent + col)
        return self.where(path)


# libyaml's messages are English; editors get these instead.
_SYNTAX_HINTS = [
    ("found character '\\t'", "含有制表符（Tab）：YAML 只能用空格缩进"),
    ("expected a single document", "一个文件只能有一个文档（不要使用“---”分隔多个文档）"),
    ("mapping values are not allowed", "此处不能出现“: ”：值里有冒号时请给整个值加引号，或检查缩进"),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有闭合"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("expected <block end>", "缩进不一致：同一层的键要对齐"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("found duplicate anchor", "锚点（&名称）重复"),
    ("did not find expected key", "缩进不一致或缺少“- ”"),
    ("did not find expected '-' indicator", "列表项缺少“- ”或缩进不一致"),
    ("found unknown escape character", "双引号内有无效的转义符“\\”：改用单引号或写成“\\\\”"),
    ("while scanning an alias", "“*”开头的值会被当作别名：请给值加引号"),
    ("while scanning an anchor", "“&”开头的值会被当作锚点：请给值加引号"),
    ("found character '@' that cannot start any token", "值不能以“@”开头：请加引号"),
    ("found character '`' that cannot start any token", "值不能以“`”开头：请加引号"),
    ("found character '%' that cannot start any token", "值不能以“%”开头：请加引号"),
    ("expected a comment or a line break", "块标记“|”或“>”后面只能换行"),
    ("found a tab character", "含有制表符（Tab）：YAML 只能用空格缩进"),
]


def _syntax_message(err: MarkedYAMLError, lines: list[str]) -> str:
    text = f"{err.context or ''} {err.problem or ''}"
    mark = err.problem_mark or err.context_mark
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][:mark.column + 1]:
        return "YAML 语法错误：含有制表符（Tab）：YAML 只能用空格缩进"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return f"YAML 语法错误：{hint}"
    return f"YAML 语法错误：{(err.problem or err.context or '无法解析').strip()}"


def decode(raw: bytes, out: Collector) -> str | None:
    if len(raw) > MAX_BYTES:
        out.at(None, f"文件过大（{len(raw) / 1048576:.1f} MB），单个内容文件不能超过 {MAX_BYTES // 1048576} MB")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]   # a BOM from Windows editors is harmless
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start)
        line_start = raw.rfind(b"\n", 0, e.start) + 1
        col = len(raw[line_start:e.start].decode("utf-8", errors="replace"))
        out.at((line, col), "文件不是 UTF-8 编码（可能是 GBK）：请在编辑器中另存为 UTF-8")
        return None


def parse(text: str, out: Collector) -> Source | None:
    """Parse one document; report problems to `out`; None when unusable."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.split("\n")):
        out.at(None, "文件为空")
        return None
    too_deep = _flow_nesting(text)
    if too_deep:
        out.at(too_deep, f"嵌套层级过深（超过 {MAX_DEPTH} 层）")
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        out.at((mark.line, mark.column) if mark else None, _syntax_message(e, text.split("\n")))
        return None
    except YAMLError as e:
        msg = str(e)
        out.at(None, f"YAML 语法错误：{msg.splitlines()[0] if msg else '无法解析'}")
        return None
    except RecursionError:
        out.at(None, "嵌套层级过深")
        return None
    if node is None:
        out.at(None, "文件为空")
        return None
    src = Source()
    conv = _Converter(src, out, text.split("\n"))
    try:
        src.data = conv.convert(node, (), 0)
    except _TooBig as e:
        out.at(e.pos, str(e))
        return None
    return src


def _flow_nesting(text: str) -> Pos | None:
    """Where `[`/`{` nesting first exceeds the limit. The YAML parser takes
    seconds to fail on thousands of levels, so refuse them up front."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start())
                return (line, m.start() - (text.rfind("\n", 0, m.start()) + 1))
        elif depth:
            depth -= 1
    return None


class _TooBig(Exception):
    def __init__(self, msg: str, pos: Pos):
        super().__init__(msg)
        self.pos = pos


class _Converter:
    def __init__(self, src: Source, out: Collector, lines: list[str]):
        self.src, self.out, self.count, self.lines = src, out, 0, lines

    def convert(self, node, path: Path, depth: int):
        pos = (node.start_mark.line, node.start_mark.column)
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig("内容展开后过大（可能是“别名炸弹”）：请不要用锚点和别名重复内容", pos)
        if depth > MAX_DEPTH:
            raise _TooBig(f"嵌套层级过深（超过 {MAX_DEPTH} 层）", pos)
        self.src.pos[path] = pos
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _T + "seq":
                return self._bad_tag(node, pos)
            return [self.convert(n, path + (i,), depth + 1) for i, n in enumerate(node.value)]
        if node.style in ("|", ">"):
            self._record_block(node, path)
        return self._scalar(node, pos)

    def _record_block(self, node: ScalarNode, path: Path) -> None:
        first = node.start_mark.line + 1
        for line in self.lines[first:node.end_mark.line + 1]:
            if line.strip():
                self.src.block[path] = (first, len(line) - len(line.lstrip(" ")))
                return

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict | None:
        if node.tag != _T + "map":
            return self._bad_tag(node, (node.start_mark.line, node.start_mark.column))
        result: dict = {}
        first_line: dict = {}
        for knode, vnode in node.value:
            kpos = (knode.start_mark.line, knode.start_mark.column)
            if not isinstance(knode, ScalarNode):
                self.out.at(kpos, "键必须是简单的文字或数字")
                continue
            key = self._scalar(knode, kpos)
            if key in first_line:
                self.out.at(kpos, f"重复的键“{key}”（第{first_line[key] + 1}行已经写过）")
                continue
            first_line[key] = kpos[0]
            self.src.key_pos[path + (key,)] = kpos
            result[key] = self.convert(vnode, path + (key,), depth + 1)
        return result

    def _bad_tag(self, node, pos: Pos) -> _Invalid:
        """Report a tag; the value is dropped so nothing else complains about it."""
        self.out.at(pos, f"不允许的 YAML 标签“{node.tag.replace(_T, '!!')}”：内容文件只能写普通的文字、数字、日期、列表和键值对")
        return INVALID

    def _scalar(self, node: ScalarNode, pos: Pos):
        tag, v = node.tag, node.value
        if not tag.startswith(_T):
            return self._bad_tag(node, pos)
        kind = tag[len(_T):]
        if kind == "str":
            return v
        if kind == "null":
            return None
        if kind == "bool":
            # YAML 1.1 also reads yes/no/on/off as booleans; editors mean text
            return v.lower() == "true" if v.lower() in ("true", "false") else v
        if kind == "int":
            return int(v) if _INT.match(v) else v   # 010, 1_000, 1:30 stay text
        if kind == "float":
            try:
                return float(v) if "_" not in v else v
            except ValueError:
                return v
        if kind == "timestamp":
            m = _DATE.match(v)
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except (TypeError, ValueError):
                self.out.at(pos, f"日期“{v}”不存在，请检查年月日")
                return INVALID
        return self._bad_tag(node, pos)
