"""Import a question bank from a spreadsheet (`python -m portal import-quiz`).

Every row is checked and every problem is reported as `文件:第N行: 说明`;
nothing is written unless the whole sheet is clean.

Question ids are permanent (they key readers' saved progress). A row's 编号 is
kept as given (lowercased); a row without one gets `<quiz-id>-NNN`, numbered
after the highest such number already used in the quiz file or in the sheet.
So a re-import with --force keeps ids stable for every row that carries its
编号: run export-quiz first to get a sheet with all 编号 filled in. Such a
re-import also keeps the file's regulation, pass and tags unless given anew.
The 标签 column is read but not stored: the contract has no per-question tags.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from portal.content.numerals import cn_to_int
from portal.content.answers import BLANK, LETTERS, count_blanks
from portal.quizzes.options import split_options
from portal.quizzes.sheet_read import OPTION_COLUMNS, OPTIONS_CELL, SheetError, cell_text, column_letter, read_table
from portal.quizzes.sheet_write import quiz_yaml
from portal.content.schema import CITE_PATTERN, ID_HINT, ID_PATTERN

TYPES = {name: t for t in ("单选", "多选", "判断", "填空") for name in (t, t + "题")}
TYPES.update({"单项选择": "单选", "单项选择题": "单选", "多项选择": "多选", "多项选择题": "多选"})
JUDGE = {w: "对" for w in ("对", "√", "✓", "✔", "正确", "是", "T", "TRUE")}
JUDGE.update({w: "错" for w in ("错", "×", "✗", "✘", "错误", "否", "F", "FALSE")})
DIFFICULTY = {"易": 1, "中": 2, "难": 3}
_ARTICLE = re.compile(r"(?:《(.+)》)?第([0-9]+|[零〇一二两三四五六七八九十百千]+)条")
_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([a-z0-9-]+)", re.M)


@dataclass
class Context:
    regulation: str | None           # --regulation: lets 出处 be just 第五条
    regulations: dict                # id → Regulation
    taken: dict[str, str]            # question id → other quiz file that uses it
    seen: dict[str, int] = field(default_factory=dict)   # 编号 → first sheet row
    unit: str = "行"                                     # or 段: where a Word bank's question starts


@dataclass
class ImportResult:
    path: Path
    questions: list[dict] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)    # header texts, for 忽略的列：…
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # non-empty: nothing was written


def _fold(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).upper()


def check_row(cells: dict, ctx: Context, row: int, where: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """One sheet row as a contract-shaped question dict (id may be None) plus its problems;
    `where` names a column's cell for messages ({"选项": "D3"})."""
    text = {k: cell_text(v) for k, v in cells.items()}
    problems: list[str] = []
    q: dict = {"id": None}
    qtype = TYPES.get(_fold(text.get("题型", "")))
    if qtype is None:
        problems.append(f"题型“{text.get('题型', '')}”无法识别：应为 单选、多选、判断 或 填空"
                        if text.get("题型") else "题型为空")
    q["type"] = qtype
    q["stem"] = text.get("题干", "")
    if not q["stem"]:
        problems.append("题干为空")
    if qtype:
        options = _options(text, qtype, problems, (where or {}).get(OPTIONS_CELL))
        if qtype in ("单选", "多选"):
            q["options"] = options
        # options that could not be split: their letters cannot be checked either
        q["answer"] = None if options is None else \
            _answer(cells.get("答案"), text.get("答案", ""), qtype, options, q["stem"], problems)
    for key, name in (("explanation", "解析"), ("source", "出处"), ("difficulty", "难度"), ("score", "分值")):
        value = text.get(name, "")
        if value:
            q[key] = value if key == "explanation" else CHECKS[key](value, ctx, problems)
    q["id"] = _given_id(text.get("编号", ""), ctx, row, problems)
    return q, problems


def _options(text: dict, qtype: str, problems: list[str], cell: str | None = None) -> list[str] | None:
    cells = [text.get(c, "") for c in OPTION_COLUMNS]
    if text.get(OPTIONS_CELL):
        name = f"“{OPTIONS_CELL}”单元格" + (f"（{cell}）" if cell else "")
        return _one_cell(text[OPTIONS_CELL], cells, qtype, problems, name)
    last = max((i for i, t in enumerate(cells) if t), default=-1)
    options = cells[:last + 1]
    if qtype in ("判断", "填空"):
        # 判断 banks often carry 正确/错误 as options A/B; those are harmless.
        if options and not (qtype == "判断" and all(not t or _fold(t) in JUDGE for t in options)):
            used = "、".join(OPTION_COLUMNS[i] for i, t in enumerate(options) if t)
            problems.append(f"{qtype}题不需要选项，请清空{used}")
        return options
    for i, t in enumerate(options):
        if not t:
            problems.append(f"{OPTION_COLUMNS[i]}为空，但其后的{OPTION_COLUMNS[last]}有内容：选项要从A起连续填写")
    if len(options) < 2:
        problems.append(f"{qtype}题至少要有 2 个选项，这里只有 {len(options)} 个")
    return options


def _one_cell(cell: str, columns: list[str], qtype: str, problems: list[str], name: str) -> list[str] | None:
    """Options listed in the one 选项 cell: A.甲⏎B.乙, A、甲|B、乙, A.甲 B.乙."""
    if any(columns):
        used = "、".join(OPTION_COLUMNS[i] for i, t in enumerate(columns) if t)
        problems.append(f"“{OPTIONS_CELL}”列和{used}都有内容：选项只能写在一处")
        return None
    if qtype in ("判断", "填空"):
        # 判断 banks often list 正确/错误 (or A.正确 B.错误) as options; those are harmless
        options, problem = split_options(cell)
        words = options if not problem else [w for w in re.split(r"[\s|｜；;/]+", cell) if w]
        if qtype == "判断" and words and all(_fold(w) in JUDGE for w in words):
            return options if not problem else []
        problems.append(f"{qtype}题不需要选项，请清空“{OPTIONS_CELL}”列")
        return []
    options, problem = split_options(cell)
    if problem:
        problems.append(f"{name}无法拆分成选项：{problem}")
        return None
    for letter, t in zip("ABCDEFGH", options):
        if not t:
            problems.append(f"{name}中选项{letter}的文字为空")
    if len(options) < 2:
        problems.append(f"{qtype}题至少要有 2 个选项，这里只有 {len(options)} 个（{name}中"
                        f"每个选项以字母开头，如“A.第一项”）")
    return options


def _answer(raw, text: str, qtype: str, options: list[str], stem: str, problems: list[str]):
    if hasattr(raw, "isoformat"):   # date, datetime or time from Excel
        problems.append("答案是日期：Excel 把输入自动转换成了日期，请把单元格格式设为“文本”后重新输入")
        return None
    if not text:
        problems.append("答案为空")
        return None
    if qtype == "判断":
        word = JUDGE.get(_fold(text))
        letter = _fold(text)
        if word is None and len(letter) == 1 and letter in LETTERS[:len(options)]:
            word = JUDGE.get(_fold(options[LETTERS.index(letter)]))   # A/B pointing at 正确/错误
        if word is None:
            problems.append(f"判断题的答案应为“对”或“错”（也可写 √/×、正确/错误、是/否、T/F），这里是“{text}”")
        return word
    if qtype == "填空":
        return _blanks(text, stem, problems)
    letters = re.sub(r"[,、;/]", "", _fold(text))
    if not re.fullmatch(f"[{LETTERS}]+", letters):
        problems.append(f"答案“{text}”应为选项字母，如 A 或 ABD")
        return None
    filled = {LETTERS[i] for i, t in enumerate(options) if t}
    for letter in dict.fromkeys(c for c in letters if c not in filled):
        problems.append(f"答案“{letter}”不在选项中")
    if len(set(letters)) != len(letters):
        problems.append(f"答案“{text}”中有重复的字母")
    if qtype == "单选" and len(set(letters)) > 1:
        problems.append(f"单选题只能有一个答案，这里是“{letters}”")
    return "".join(sorted(set(letters)))


def _blanks(text: str, stem: str, problems: list[str]) -> list[str]:
    parts = re.split("[;；]", text)
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()   # a trailing ； is harmless
    answers = []
    for n, part in enumerate(parts, 1):
        alternatives = [a.strip() for a in re.split("[|｜]", part) if a.strip()]
        if not alternatives:
            problems.append(f"填空题答案的第{n}空为空")
        answers.append("|".join(alternatives))
    blanks = count_blanks(stem)
    if stem and blanks != len(answers):
        problems.append(f"填空题的题干有 {blanks} 个空（“（  ）”或“____”），答案却有 {len(answers)} 项")
    return answers


def _source(text: str, ctx: Context, problems: list[str]) -> str | None:
    folded = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    bad = (f"出处“{text}”格式不对：应为“法规编号#条号”（如 jiguan-jiceng-zuzhi#5）"
           f"或“《法规标题》第五条”")
    m = re.fullmatch(r"([A-Za-z0-9-]+)#([0-9]+)", folded)
    if m:
        reg_id, num = m[1].lower(), int(m[2])
    else:
        m = _ARTICLE.fullmatch(folded)
        if not m or (m[1] is None and not ctx.regulation):
            problems.append(bad)
            return None
        num = int(m[2]) if m[2][0] in "0123456789" else cn_to_int(m[2])
        reg_id = ctx.regulation if m[1] is None else _by_title(m[1], ctx.regulations)
        if reg_id is None:
            problems.append(f"出处“{text}”：regulations/ 中没有标题为《{m[1]}》的法规")
            return None
    cite = f"{reg_id}#{num}"
    if num is None or not re.match(CITE_PATTERN, cite):
        problems.append(bad)
        return None
    reg = ctx.regulations.get(reg_id)
    if reg is None:
        problems.append(f"出处“{text}”中的法规“{reg_id}”不存在（regulations/ 中没有 {reg_id}.yml）")
    elif reg.article(num) is None:
        problems.append(f"出处“{text}”：《{reg.title}》没有第{num}条（共 {len(reg.parsed.articles)} 条）")
    return cite


def _by_title(title: str, regulations: dict) -> str | None:
    def names(t: str) -> set[str]:
        t = _fold(t)
        return {t, t.removeprefix("中国共产党")}
    wanted = names(title)
    found = [r for r in regulations.values()
             if wanted & set().union(*(names(t) for t in (r.title, r.short_title, r.display_title) if t))]
    found.sort(key=lambda r: (r.status != "有效", r.id))   # the version in force wins
    return found[0].id if found else None


def _difficulty(text: str, ctx: Context, problems: list[str]) -> int | None:
    folded = _fold(text)
    if folded in DIFFICULTY or re.fullmatch("[123]", folded):
        return DIFFICULTY.get(folded) or int(folded)
    problems.append(f"难度应为 1、2 或 3（1 易，2 中，3 难），这里是“{text}”")
    return None


def _score(text: str, ctx: Context, problems: list[str]) -> int | None:
    folded = _fold(text)
    if re.fullmatch("[0-9]+", folded) and 1 <= int(folded) <= 100:
        return int(folded)
    problems.append(f"分值应为正整数（1–100），这里是“{text}”")
    return None


CHECKS = {"source": _source, "difficulty": _difficulty, "score": _score}


def _given_id(text: str, ctx: Context, row: int, problems: list[str]) -> str | None:
    if not text:
        return None
    qid = unicodedata.normalize("NFKC", text).strip().lower()
    if not re.fullmatch(ID_PATTERN, qid):
        problems.append(f"编号“{text}”不合格：{ID_HINT}，如 jg-001")
        return None
    if qid in ctx.seen:
        problems.append(f"编号“{qid}”与第{ctx.seen[qid]}{ctx.unit}重复")
    ctx.seen.setdefault(qid, row)
    if qid in ctx.taken:
        problems.append(f"编号“{qid}”已在 {ctx.taken[qid]} 中使用：题目编号在所有题库中必须唯一")
    return qid


def assign_ids(questions: list[dict], quiz_id: str, existing: list[str], taken) -> list[str]:
    """Give rows without 编号 `<quiz-id>-NNN`, after the highest number already used."""
    given = [q["id"] for q in questions if q["id"]]
    own = re.compile(rf"{re.escape(quiz_id)}-([0-9]+)")
    n = max((int(m[1]) for i in (*existing, *given) if (m := own.fullmatch(i))), default=0)
    used = set(existing) | set(given) | set(taken)
    generated = []
    for q in questions:
        if q["id"] is None:
            n += 1
            while f"{quiz_id}-{n:03d}" in used:
                n += 1
            q["id"] = f"{quiz_id}-{n:03d}"
            generated.append(q["id"])
    return generated


def quiz_file_ids(lib, rel: str) -> list[str]:
    """Question ids of a quiz file, even when the file has content errors."""
    src = lib.sources.get(rel)
    if src is None:   # unparsable YAML: fall back to the id lines
        path = lib.root / rel
        return _ID_LINE.findall(path.read_text("utf-8", errors="replace")) if path.is_file() else []
    questions = src.data.get("questions") if isinstance(src.data, dict) else None
    return [q["id"] for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)] \
        if isinstance(questions, list) else []


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _argument_problems(lib, quiz_id, title, regulation, pass_mark, force) -> list[str]:
    problems = []
    if not re.fullmatch(ID_PATTERN, quiz_id):
        problems.append(f"--id：题库编号“{quiz_id}”不合格：{ID_HINT}")
    elif (lib.root / f"quizzes/{quiz_id}.yml").exists() and not force:
        problems.append(f"quizzes/{quiz_id}.yml 已存在（确需覆盖请加 --force）")
    if not title.strip():
        problems.append("--title：标题不能为空")
    if regulation and regulation not in lib.regulations:
        problems.append(f"--regulation：法规“{regulation}”不存在（regulations/ 中没有 {regulation}.yml）")
    if pass_mark is not None and not 0 <= pass_mark <= 100:
        problems.append(f"--pass：及格线应为 0–100 的整数，这里是 {pass_mark}")
    return problems


def import_quiz(path: Path, root: Path, *, quiz_id: str, title: str, regulation: str | None = None,
                pass_mark: int | None = None, force: bool = False, sheet: str | None = None,
                label: str | None = None) -> ImportResult:
    from portal.content.loader import load   # the whole project: regulations and other quizzes' ids
    lib = load(root)
    rel = f"quizzes/{quiz_id}.yml"
    result = ImportResult(lib.root / rel)
    old = lib.sources.get(rel) if force else None
    if old and isinstance(old.data, dict):   # a re-import keeps settings the sheet cannot carry
        regulation = regulation or _str(old.data.get("regulation"))
        pass_mark = pass_mark if pass_mark is not None else _int(old.data.get("pass"))
    result.problems += _argument_problems(lib, quiz_id, title, regulation, pass_mark, force)
    label = label or Path(path).name
    try:
        if Path(path).suffix.lower() == ".docx":
            if sheet is not None:
                raise SheetError("Word 文件没有工作表，不能使用 --sheet")
            from portal.quizzes.docx_read import read_docx
            table = read_docx(Path(path), label)
        else:
            table = read_table(Path(path), label, sheet)
    except SheetError as e:
        result.problems.append(f"{label}: {e}")
        return result
    result.ignored, result.notes = table.ignored, table.notes
    at = list(table.problems)
    if not at and not table.rows:
        at.append((None, "表格中没有题目（表头之后都是空行）"))
    taken = {i: r for r in lib.sources if r.startswith("quizzes/") and r != rel for i in quiz_file_ids(lib, r)}
    if not at or table.unit == "段":   # with a missing column every row would repeat the same complaint
        ctx = Context(regulation if regulation in lib.regulations else None, lib.regulations, taken, unit=table.unit)
        for row, cells in table.rows:
            if row in table.broken:
                continue
            where = {k: f"{column_letter(c)}{row}" for k, c in table.columns.items()} if table.columns else None
            question, row_problems = check_row(cells, ctx, row, where)
            result.questions.append(question)
            at += [(row, msg) for msg in row_problems]
        if any(cell_text(c.get("标签")) for _, c in table.rows):
            result.notes.append(f"“标签”列的内容没有导入：题目没有单独的标签，题库标签写在 {rel} 的 tags 中")
    result.problems += [_where(table, row, msg) for row, msg in sorted(at, key=lambda p: p[0] or 0)]
    if not result.problems:
        _write(result, lib, rel, quiz_id, taken, "文档" if table.unit == "段" else "表格", title=title.strip(), regulation=regulation, pass_mark=pass_mark)
    return result


def _where(table, row: int | None, msg: str) -> str:
    if not row:
        return f"{table.label}: {msg}"
    quote = table.quotes.get(row)
    return f"{table.label}:第{row}{table.unit}: {msg}" + (f"（“{quote}”）" if quote and quote not in msg else "")


def _stem_key(qtype, stem) -> str | None:
    return f"{qtype}:{_fold(BLANK.sub('（）', stem))}" if isinstance(stem, str) and isinstance(qtype, str) else None


def keep_ids_by_stem(questions: list[dict], old: list) -> list[str]:
    """Questions without 编号 take the id of an old question of the same type and stem
    (a bank that came back without its ids keeps learners' progress); returns those ids."""
    given = {q["id"] for q in questions if q["id"]}
    free: dict[str, list[str]] = {}
    for item in old:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] not in given:
            if key := _stem_key(item.get("type"), item.get("stem")):
                free.setdefault(key, []).append(item["id"])
    kept = []
    for q in questions:
        if q["id"] is None and free.get(key := _stem_key(q["type"], q["stem"])):
            q["id"] = free[key].pop(0)
            kept.append(q["id"])
    return kept


def _write(result: ImportResult, lib, rel: str, quiz_id: str, taken: dict, where: str, **quiz) -> None:
    existing = quiz_file_ids(lib, rel)
    src = lib.sources.get(rel)
    old = src.data.get("questions") if src and isinstance(src.data, dict) else None
    by_stem = keep_ids_by_stem(result.questions, old if isinstance(old, list) else [])
    if by_stem:
        result.notes.append(f"{len(by_stem)} 道没有编号的题与原题库中的题目题干相同，沿用了原编号")
    result.generated = assign_ids(result.questions, quiz_id, existing, taken)
    kept = {q["id"] for q in result.questions}
    dropped = [i for i in existing if i not in kept]
    if dropped:
        result.notes.append(f"原题库中的 {len(dropped)} 道题不在{where}中，已删除：{'、'.join(dropped)}")
    old = lib.sources.get(rel)
    tags = old.data.get("tags") if old and isinstance(old.data, dict) else None   # hand-written: keep them
    tags = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else None
    result.path.parent.mkdir(parents=True, exist_ok=True)
    result.path.write_text(quiz_yaml(tags=tags, questions=result.questions, **quiz),
                           encoding="utf-8", newline="\n")
