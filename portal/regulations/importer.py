"""Turn an official plain-text regulation into a `regulations/<id>.yml` file."""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from portal.content.models import TextProblem
from portal.content.regtext import parse_text, starts_body
from portal.regulations.sources import SourceProblem, read_source

CATEGORIES = ("党章", "准则", "条例", "规则", "规定", "办法", "细则", "其他")
STATUSES = ("有效", "已修改", "已废止", "尚未生效")
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/regulation.schema.json\n"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_TRIAL = re.compile(r"[（(]试行[）)]")
_TRIAL_END = re.compile(r"[（(]试行[）)]$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_EFFECTIVE = re.compile(r"自(?:(\d{4})年(\d{1,2})月(\d{1,2})日|(发布)之日)起施行")
# The organ right before 发布: no spaces, digits, brackets or sentence punctuation.
_ISSUE = re.compile(r"([^\s\d（）()，,。；;：:年月日]+?)(?:发布|印发)")
# Control characters would force YAML out of the literal block style.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ImportProblem(Exception):
    """A reason the import cannot go on; the message is Chinese, for editors."""


@dataclass
class OfficialText:
    title: str
    trial: bool
    note: str | None
    body: str


@dataclass
class NewRegulationResult:
    id: str
    path: Path
    title: str
    category: str
    issuer: list[str]
    published: date | None
    effective: date | None
    articles: int            # number of 条 parsed from the body
    problems: list[TextProblem] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)    # page numbers, headers… left out of a PDF
    notes: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    raise ImportProblem("文件不是 UTF-8 或 GBK 编码")


def read_official_text(raw: str) -> OfficialText:
    raw = _CONTROL.sub("", raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    lines = [ln.rstrip() for ln in raw.split("\n")]
    rows = [k for k, ln in enumerate(lines) if ln.strip()]
    if not rows:
        raise ImportProblem("文件中没有文字")
    title = lines[rows[0]].strip()
    note, used = _find_note([lines[k].strip() for k in rows[1:3]])
    body = lines[rows[used]:] if used < len(rows) else []
    while body and not body[-1]:
        body.pop()
    return OfficialText(title, bool(_TRIAL_END.search(title)), note,
                        "\n".join(body) + "\n" if body else "")


def _find_note(cand: list[str]) -> tuple[str | None, int]:
    """The 题注 among the (up to two) lines after the title, and the index in
    the non-blank rows where the body starts."""
    if not cand or starts_body(cand[0]):
        return None, 1
    first = cand[0]
    if first[0] in "（(" and not re.match(r"[（(][一二三四五六七八九十]+[）)]", first):
        if first[-1] in "）)":
            return first, 2
        # split over two lines: （…审议批准 / …发布）
        if len(cand) > 1 and cand[1][-1] in "）)" and not starts_body(cand[1]):
            return f"{first} {cand[1]}", 3
        return first, 2
    # unparenthesised adoption line, as under 党章
    if _DATE.search(first) and re.search("(通过|发布|批准|修订|修改|施行)$", first):
        return first, 2
    return None, 1


def derive_category(title: str) -> str:
    t = _TRIAL.sub("", title).strip()
    if t.endswith("章程"):
        return "党章"
    return next((c for c in CATEGORIES[1:-1] if t.endswith(c)), "其他")


def derive_issuer(note: str | None) -> list[str] | None:
    matches = _ISSUE.findall(note or "")
    if not matches:
        return None
    organ = matches[-1].removeprefix("由")
    return [p for p in re.split("[、，,]", organ) if p] or None


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def derive_dates(note: str | None, body: str | None = None) -> tuple[date | None, date | None]:
    """(published, effective). Published is the last 发布/通过 in the 题注, unless a
    later 修订 follows it: then this version's date is not stated. Effective comes
    from 自…起施行 in the 题注, else from the last such clause in the body."""
    note = note or ""
    published = None
    dates = list(_DATE.finditer(note))
    for k, m in enumerate(dates):
        event = note[m.end():dates[k + 1].start() if k + 1 < len(dates) else len(note)]
        if re.search("发布|印发|通过", event):
            published = _date(*m.groups())
        elif re.search("修订|修改", event):
            published = None
    effective = None
    for source in (note, body or ""):
        found = list(_EFFECTIVE.finditer(source))
        if found:
            m = found[-1]
            effective = published if m[4] else _date(*m.groups()[:3])
            break
    return published, effective


def version_year(note: str | None, published: date | None, effective: date | None) -> int | None:
    """The year for the id: the latest year named in the 题注 (a revision), else a date's."""
    years = [int(y) for y in re.findall(r"(\d{4})年", note or "")]
    if years:
        return max(years)
    return (published or effective).year if (published or effective) else None


def make_id(title: str, year: int | None = None) -> str:
    t = unicodedata.normalize("NFKC", _TRIAL.sub("", title)).strip()
    rest = t.removeprefix("中国共产党")
    if len(rest) > 2:                 # keep 中国共产党章程 recognisable, not "zc"
        t = rest
    letters = "".join(lazy_pinyin(t, style=Style.FIRST_LETTER)).lower()
    base = re.sub("[^a-z0-9]", "", letters)
    return f"{base}-{year}" if base and year else base


def regulation_yaml(*, title: str, category: str, issuer: list[str], status: str, text: str,
                    short_title: str | None = None, trial: bool = False,
                    published: date | None = None, effective: date | None = None,
                    note: str | None = None, source: str | None = None) -> str:
    data = CommentedMap()
    data["title"] = title
    if short_title:
        data["short_title"] = short_title
    data["category"] = category
    if trial:
        data["trial"] = True
    if len(issuer) == 1:
        data["issuer"] = issuer[0]
    else:
        data["issuer"] = seq = CommentedSeq(issuer)
        seq.fa.set_flow_style()
    for key, value in (("published", published), ("effective", effective),
                       ("status", status), ("note", note), ("source", source)):
        if value is not None:
            data[key] = value
    data["text"] = LiteralScalarString(text.rstrip("\n") + "\n")
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 1_000_000          # never fold long lines
    yaml.representer.ignore_aliases = lambda _data: True   # equal dates: no &id001
    buf = io.StringIO()
    yaml.dump(data, buf)
    return SCHEMA_LINE + buf.getvalue()


def _issuer_list(issuer: list[str] | str | None) -> list[str] | None:
    if isinstance(issuer, str):
        issuer = re.split("[、，,]", issuer)
    parts = [p.strip() for p in issuer or [] if p.strip()]
    return parts or None


def new_regulation(src: Path, root: Path, *, id: str | None = None,
                   issuer: list[str] | str | None = None, category: str | None = None,
                   status: str | None = None, source: str | None = None,
                   force: bool = False) -> NewRegulationResult:
    try:
        source_text = read_source(Path(src), decode)
    except SourceProblem as e:
        raise ImportProblem(str(e)) from None
    official = read_official_text(source_text.text)
    if not official.body:
        raise ImportProblem("标题和题注之后没有正文")
    issuers = _issuer_list(issuer) or derive_issuer(official.note)
    if not issuers:
        raise ImportProblem("无法从题注推断制定机关，请用 --issuer 指定")
    category = category or derive_category(official.title)
    if category not in CATEGORIES:
        raise ImportProblem(f"--category 必须是 {'、'.join(CATEGORIES)} 之一，这里是“{category}”")
    status = status or "有效"
    if status not in STATUSES:
        raise ImportProblem(f"--status 必须是 {'、'.join(STATUSES)} 之一，这里是“{status}”")
    published, effective = derive_dates(official.note, official.body)
    reg_id = id or make_id(official.title, version_year(official.note, published, effective))
    if not _ID.fullmatch(reg_id):
        raise ImportProblem(f"编号“{reg_id}”不合格：只能用小写字母、数字和 -，请用 --id 指定")
    path = Path(root) / "regulations" / f"{reg_id}.yml"
    if path.exists() and not force:
        raise ImportProblem(f"文件已存在：regulations/{reg_id}.yml（确需覆盖请加 --force）")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(regulation_yaml(
        title=official.title, category=category, issuer=issuers, status=status,
        text=official.body, trial=official.trial, published=published,
        effective=effective, note=official.note, source=source), encoding="utf-8", newline="\n")
    parsed = parse_text(official.body)
    return NewRegulationResult(reg_id, path, official.title, category, issuers, published,
                               effective, len(parsed.articles), parsed.problems,
                               source_text.dropped, source_text.notes)
