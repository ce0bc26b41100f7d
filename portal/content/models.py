"""Content models shared by the loader, the checks and the renderers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Union

from portal.content.terms import add_years


@dataclass
class Paragraph:
    """A 款 (is_item False) or a 项 (is_item True, text starts with its label （一）)."""
    text: str
    line: int  # 0-based line index inside the regulation's `text`
    is_item: bool = False


@dataclass
class Article:
    number: int       # 5
    label: str        # 第五条
    paragraphs: list[Paragraph]
    line: int         # 0-based line index of the 第X条 line inside `text`

    @property
    def anchor(self) -> str:
        return f"art-{self.number}"


@dataclass
class Heading:
    level: str        # bian | zhang | jie | preamble | plain
    label: str        # 第一章 ("" for preamble/plain headings)
    title: str        # 总则 (internal ideographic spaces kept: 党　员)
    line: int


@dataclass
class PreambleParagraph:
    text: str
    line: int


Block = Union[Heading, Article, PreambleParagraph]


@dataclass
class TextProblem:
    line: int         # 0-based line index inside `text`
    col: int          # 0-based column inside that line
    message: str      # Chinese


@dataclass
class ParsedText:
    blocks: list[Block] = field(default_factory=list)   # document order
    problems: list[TextProblem] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        # asked for once per citation and per question: keep the list until blocks change
        cached = self.__dict__.get("_articles")
        if cached is None or cached[0] != len(self.blocks):
            cached = self.__dict__["_articles"] = (len(self.blocks), [b for b in self.blocks if isinstance(b, Article)])
        return cached[1]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


@dataclass
class Regulation:
    id: str
    path: str                 # repo-relative path of the YAML file
    title: str
    category: str
    issuer: list[str]
    status: str
    text: str
    parsed: ParsedText
    short_title: str | None = None
    trial: bool = False
    published: date | None = None
    effective: date | None = None
    superseded_by: str | None = None
    note: str | None = None
    source: str | None = None
    excerpt: str | None = None    # which articles an excerpt holds (None: the full text)
    revisions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    key_articles: list[int] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)

    @property
    def date(self) -> date | None:
        """The date lists sort by: publication, else entry into force."""
        return self.published or self.effective

    @property
    def display_title(self) -> str:
        return self.title + ("（试行）" if self.trial and "试行" not in self.title else "")

    def article(self, number: int) -> Article | None:
        arts = self.parsed.articles
        if 1 <= number <= len(arts) and arts[number - 1].number == number:
            return arts[number - 1]
        return next((a for a in arts if a.number == number), None)


@dataclass
class Question:
    id: str
    type: str                 # 单选 | 多选 | 判断 | 填空
    stem: str
    answer: list[str]         # normalised: letters, ["对"], or one entry per blank ("甲|乙")
    options: list[str] = field(default_factory=list)
    explanation: str | None = None
    source: str | None = None # regulation-id#N
    difficulty: int | None = None
    score: int = 1
    quiz_id: str = ""
    index: int = 0            # position in its file's `questions` list (for error lines)

    @property
    def cite(self) -> tuple[str, int] | None:
        if not self.source:
            return None
        reg, _, num = self.source.partition("#")
        return reg, int(num)


@dataclass
class DrawRule:
    type: str
    count: int
    score: int = 1
    tags: list[str] = field(default_factory=list)


@dataclass
class Quiz:
    id: str
    path: str
    title: str
    pass_mark: int = 60
    regulation: str | None = None
    time_limit: int | None = None
    tags: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    draw: list[DrawRule] = field(default_factory=list)
    # (id, index) of every entry with a valid id, even ones dropped for other errors
    question_ids: list[tuple[str, int]] = field(default_factory=list)

    @property
    def is_exam(self) -> bool:
        return bool(self.draw)


@dataclass
class Practice:
    title: str
    text: str


@dataclass
class Brand:
    id: str
    path: str
    name: str
    unit: str
    summary: str
    connotation: str
    practices: list[Practice]
    branch: str | None = None
    slogan: str | None = None
    year: int | None = None
    tags: list[str] = field(default_factory=list)
    logo: str | None = None
    photos: list[str] = field(default_factory=list)
    results: str | None = None
    honors: list[str] = field(default_factory=list)


@dataclass
class StudyWeek:
    regulation: str
    quiz: str | None = None
    focus: list[int] = field(default_factory=list)
    note: str | None = None


@dataclass
class StudyPlan:
    path: str
    title: str
    start: date
    weeks: list[StudyWeek]


@dataclass
class QAItem:
    id: str
    q: str
    a: str
    refs: list[str] = field(default_factory=list)
    index: int = 0            # position in the file's `items` list


@dataclass
class QACollection:
    id: str
    path: str
    title: str
    items: list[QAItem]
    source: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class ChecklistItem:
    id: str
    text: str
    cite: str | None = None          # regulation-id#N
    basis: str | None = None         # a source not in the library, as text
    evidence: list[str] = field(default_factory=list)
    score: int | None = None
    owner: str | None = None
    where: tuple = ()                # YAML path of this item (for error lines)

    @property
    def citation(self) -> tuple[str, int] | None:
        if not self.cite:
            return None
        reg, _, num = self.cite.partition("#")
        return reg, int(num)


@dataclass
class ChecklistSection:
    title: str
    items: list[ChecklistItem]


@dataclass
class Checklist:
    id: str
    path: str
    title: str
    kind: str
    sections: list[ChecklistSection]
    year: int | None = None
    period: str | None = None
    issuer: str | None = None
    summary: str | None = None
    pass_score: int | None = None

    @property
    def items(self) -> list[ChecklistItem]:
        return [it for s in self.sections for it in s.items]


# 任期 by kind when `term` is not written: 《中国共产党党和国家机关基层组织工作条例》第五条（党的基层
# 委员会一般 5 年）、第六条（总支部委员会一般 3 年）、第七条（支部委员会一般 3 年）。
DEFAULT_TERMS = {"党委": 5, "党总支": 3, "党支部": 3}


@dataclass
class Organization:
    name: str
    kind: str                        # 党委 | 党总支 | 党支部
    unit: str
    elected: date
    term: int
    term_given: bool = False         # False: the default of its kind
    parent: str | None = None
    note: str | None = None
    path: str = ""
    index: int = 0                   # position in its file's `organizations` list

    @property
    def term_end(self) -> date:
        return add_years(self.elected, self.term)


@dataclass
class OrgRegister:
    id: str
    path: str
    title: str
    organizations: list[Organization]
