"""Synthetic content at the scale of a city's organs (reference corpus R1).

R1 = 300 regulations × 50 articles, 200 quizzes × 50 questions, 1,000 brands,
written as valid content files (formats: CONTENT-FORMAT.md, from schema.py). The text is
realistic in length and vocabulary, not in meaning; it is seeded, so two runs
write the same corpus.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from portal.content.numerals import int_to_cn

PHRASES = [
    "坚持和加强党的全面领导", "落实全面从严治党主体责任", "加强机关党的建设", "发挥党支部战斗堡垒作用",
    "严格党的组织生活", "推动党建和业务深度融合", "加强党员教育管理", "严明党的政治纪律和组织纪律",
    "按照规定交纳党费", "认真开展民主评议党员", "落实“三会一课”制度", "做好发展党员工作",
    "加强对党员领导干部的监督", "坚持民主集中制", "健全请示报告制度", "强化问责追责",
    "建设模范机关", "提高机关党建工作质量", "做好流动党员管理", "按期进行换届选举",
    "密切联系群众", "弘扬优良传统和作风", "增强政治功能和组织力", "开展主题党日活动",
]
SUBJECTS = ["机关基层党组织", "党支部", "党员领导干部", "各级党组织", "机关党委", "党员", "党小组", "机关纪委"]
VERBS = ["应当", "必须", "要", "负责"]
UNITS = ["市财政局", "市人社局", "市市场监管局", "市生态环境局", "市卫健委", "市税务局", "市教育局", "市交通运输局",
         "市住建局", "市农业农村局", "市商务局", "市文旅局", "市应急局", "市司法局", "市统计局", "市医保局"]
TAGS = ["机关党建", "组织建设", "廉洁纪律", "作风建设", "党员教育", "志愿服务", "党建业务融合", "基层治理"]
CATEGORIES = ["条例", "规定", "办法", "细则", "准则", "规则"]


@dataclass(frozen=True)
class Scale:
    regulations: int = 300
    articles: int = 50
    quizzes: int = 200
    questions: int = 50
    brands: int = 1000

    def times(self, factor: float) -> "Scale":
        return Scale(max(1, round(self.regulations * factor)), self.articles,
                     max(1, round(self.quizzes * factor)), self.questions, max(1, round(self.brands * factor)))


def sentence(rnd: random.Random, n: int = 2) -> str:
    parts = [rnd.choice(SUBJECTS) + rnd.choice(VERBS) + rnd.choice(PHRASES)]
    parts += [rnd.choice(PHRASES) for _ in range(n - 1)]
    return "，".join(parts) + "。"


def regulation_text(rnd: random.Random, articles: int) -> str:
    lines, chapter = [], 0
    per_chapter = max(1, articles // 8)
    for i in range(1, articles + 1):
        if (i - 1) % per_chapter == 0:
            chapter += 1
            lines.append(f"第{int_to_cn(chapter)}章　{rnd.choice(PHRASES)[:8]}")
        lines.append(f"第{int_to_cn(i)}条　{sentence(rnd, rnd.randint(2, 5))}")
        if rnd.random() < 0.3:
            lines.append(sentence(rnd, 3))
        if rnd.random() < 0.2:
            lines += [f"（{int_to_cn(k)}）{rnd.choice(PHRASES)}；" for k in range(1, rnd.randint(3, 6))]
    return "\n".join(lines)


def _block(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def write_regulation(root: Path, rnd: random.Random, i: int, articles: int) -> str:
    reg_id = f"fagui-{i:04d}"
    category = rnd.choice(CATEGORIES)
    title = f"关于{rnd.choice(PHRASES)}的{category}（第{i}号）"
    (root / "regulations" / f"{reg_id}.yml").write_text(
        f"title: {title}\ncategory: {category}\nissuer: 中共示例市委\n"
        f"published: {2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}\nstatus: 有效\n"
        f"tags: [{rnd.choice(TAGS)}, {rnd.choice(TAGS)}]\n"
        f"summary: |\n  {sentence(rnd, 4)}\nkey_articles: [1, 2]\nnotes:\n  1: {sentence(rnd, 2)}\n"
        f"text: |\n{_block(regulation_text(rnd, articles))}\n", encoding="utf-8")
    return reg_id


def question(rnd: random.Random, qid: str, reg_id: str, articles: int) -> str:
    kind = rnd.choice(["单选", "多选", "判断", "填空"])
    stem = sentence(rnd, 2).rstrip("。")
    lines = [f"  - id: {qid}", f"    type: {kind}"]
    if kind in ("单选", "多选"):
        lines += [f"    stem: {stem}（  ）。", f"    options: [{', '.join(rnd.sample(PHRASES, 4))}]",
                  f"    answer: {'A' if kind == '单选' else 'ABD'}"]
    elif kind == "判断":
        lines += [f"    stem: {stem}。", f"    answer: {rnd.choice(['对', '错'])}"]
    else:
        lines += [f"    stem: {stem}，（  ）。", f"    answer: [{rnd.choice(PHRASES)}]"]
    lines += [f"    explanation: {sentence(rnd, 2)}", f"    source: {reg_id}#{rnd.randint(1, articles)}"]
    return "\n".join(lines)


def write_quiz(root: Path, rnd: random.Random, i: int, reg_id: str, scale: Scale) -> None:
    qs = "\n".join(question(rnd, f"b{i:04d}-{k:03d}", reg_id, scale.articles) for k in range(1, scale.questions + 1))
    (root / "quizzes" / f"zice-{i:04d}.yml").write_text(
        f"title: 第{i}套自测\nregulation: {reg_id}\npass: 80\ntags: [{rnd.choice(TAGS)}]\nquestions:\n{qs}\n",
        encoding="utf-8")


def write_brand(root: Path, rnd: random.Random, i: int) -> None:
    practices = "\n".join(f"  - title: {rnd.choice(PHRASES)}\n    text: {sentence(rnd, 4)}" for _ in range(3))
    (root / "brands" / f"pinpai-{i:04d}.yml").write_text(
        f"name: 品牌{i}号\nunit: {rnd.choice(UNITS)}\nbranch: 机关第{int_to_cn(1 + i % 9)}党支部\n"
        f"year: {2015 + i % 10}\ntags: [{rnd.choice(TAGS)}]\nsummary: {sentence(rnd, 1)}\n"
        f"connotation: |\n  {sentence(rnd, 5)}\npractices:\n{practices}\nresults: |\n  {sentence(rnd, 3)}\n"
        f"honors: [{2018 + i % 6}年度市直机关示范党支部]\n", encoding="utf-8")


def generate(root: Path, scale: Scale, seed: int = 2026) -> Path:
    rnd = random.Random(seed)
    for folder in ("regulations", "quizzes", "brands"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    reg_ids = [write_regulation(root, rnd, i, scale.articles) for i in range(1, scale.regulations + 1)]
    for i in range(1, scale.quizzes + 1):
        write_quiz(root, rnd, i, reg_ids[(i - 1) % len(reg_ids)], scale)
    for i in range(1, scale.brands + 1):
        write_brand(root, rnd, i)
    mock = ("title: 模拟考试\ntime_limit: 30\npass: 60\ndraw:\n  - {type: 单选, count: 20, score: 2}\n"
            "  - {type: 判断, count: 10, score: 1}\n")
    (root / "quizzes" / "moni-kaoshi.yml").write_text(mock, encoding="utf-8")
    return root
