"""The single definition of every content file's shape.

The validator (validate.py) and the JSON Schemas for editors' tooling
(jsonschema_gen.py) are both derived from these declarations.
"""
from __future__ import annotations

from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CITE_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*#[1-9][0-9]*$"


@dataclass(frozen=True)
class F:
    key: str
    kind: str                 # str markdown int bool date enum list object map str_or_list answer
    title: str
    desc: str = ""
    required: bool = False
    enum: tuple = ()
    item: "F | None" = None   # list items / map values
    fields: tuple = ()        # object members
    min: int | None = None    # number bounds, or list length bounds
    max: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""    # Chinese explanation of the pattern
    default: object = None
    example: object = None


def obj(key, title, fields, desc="", required=False) -> F:
    return F(key, "object", title, desc, required, fields=tuple(fields))


def strlist(key, title, desc="", **kw) -> F:
    return F(key, "list", title, desc, item=F("", "str", title), **kw)


CATEGORIES = ("党章", "准则", "条例", "规则", "规定", "办法", "细则", "其他")
STATUSES = ("有效", "已修改", "已废止", "尚未生效")
QUESTION_TYPES = ("单选", "多选", "判断", "填空")
ID_HINT = "只能用小写字母、数字和“-”"

REGULATION = obj("", "党内法规", [
    F("title", "str", "标题", "法规全称，如“中国共产党党和国家机关基层组织工作条例”", required=True),
    F("short_title", "str", "简称", "如“机关基层组织工作条例”"),
    F("category", "enum", "类别", "法规的名称类别", required=True, enum=CATEGORIES),
    F("trial", "bool", "试行", "标题带“（试行）”时写 true", default=False),
    F("issuer", "str_or_list", "制定机关", "一个机关写文字，多个机关写列表，如 [中共中央, 国务院]", required=True),
    F("published", "date", "发布日期", "格式 YYYY-MM-DD"),
    F("effective", "date", "施行日期", "格式 YYYY-MM-DD"),
    F("status", "enum", "状态", "时效性", required=True, enum=STATUSES),
    F("superseded_by", "str", "被哪部法规取代", "新版本在库中时填写其编号（文件名）",
      pattern=ID_PATTERN, pattern_hint=ID_HINT),
    F("note", "str", "题注", "标题下括号内的审议、发布信息，照原文抄录"),
    F("source", "str", "来源", "文本出处，如“新华社 2020年1月5日电”；只收录部分条文时另写“excerpt”"),
    F("excerpt", "str", "节选范围", "只收录部分条文时必填，写明收录了哪些条文，如“第一章总则，第一条至第三条”；收录全文时不写"),
    strlist("revisions", "修订情况", "历次修订，如 [2019年8月25日中共中央修订]；没有修订不写"),
    strlist("tags", "标签", "如 [机关党建, 组织建设]"),
    F("summary", "markdown", "学习导读", "Markdown 格式的导读文字"),
    F("key_articles", "list", "学习要点", "重点条文的条号，如 [5, 7, 16]",
      item=F("", "int", "条号", min=1)),
    F("notes", "map", "学习笔记", "按条号写的学习提示，如 5: 机关党员100人以上……",
      item=F("", "markdown", "学习笔记")),
    F("text", "markdown", "正文", "标题和题注之后的官方全文，用“text: |”原样粘贴；编、章、节、条由系统识别",
      required=True),
])

QUESTION = obj("", "题目", [
    F("id", "str", "题目编号", "在所有题库中唯一且永久不变，如 jg-001", required=True,
      pattern=ID_PATTERN, pattern_hint=ID_HINT),
    F("type", "enum", "题型", "", required=True, enum=QUESTION_TYPES),
    F("stem", "markdown", "题干", "填空题用“（  ）”或“____”标出每个空", required=True),
    F("options", "list", "选项", "单选、多选题 2–8 个选项，按 A、B、C…… 的顺序",
      item=F("", "str", "选项"), min=2, max=8),
    F("answer", "answer", "答案",
      "单选：一个字母；多选：如 ABD 或 [A, B, D]；判断：对 或 错；填空：列表，每空一项，“甲|乙”表示都算对",
      required=True),
    F("explanation", "markdown", "解析", "Markdown 格式"),
    F("source", "str", "出处", "法规编号#条号，如 jiguan-jiceng-zuzhi#5",
      pattern=CITE_PATTERN, pattern_hint="格式为“法规编号#条号”，如 jiguan-jiceng-zuzhi#5"),
    F("difficulty", "int", "难度", "1 易，2 中，3 难", min=1, max=3),
    F("score", "int", "分值", "默认 1 分", min=1, max=100, default=1),
])

DRAW_RULE = obj("", "抽题规则", [
    F("type", "enum", "题型", "", required=True, enum=QUESTION_TYPES),
    F("count", "int", "题数", "", required=True, min=1, max=500),
    F("score", "int", "每题分值", "", min=1, max=100, default=1),
    strlist("tags", "限定标签", "只从带这些标签的题库中抽题"),
])

QUIZ = obj("", "自测题库或模拟考试", [
    F("title", "str", "标题", "", required=True),
    F("regulation", "str", "对应法规", "本题库考查的法规编号", pattern=ID_PATTERN, pattern_hint=ID_HINT),
    F("pass", "int", "及格线", "百分制，默认 60", min=0, max=100, default=60),
    F("time_limit", "int", "考试时长", "分钟（模拟考试用）", min=1, max=600),
    strlist("tags", "标签"),
    F("questions", "list", "题目", "练习题库：至少一道题", item=QUESTION, min=1),
    F("draw", "list", "抽题规则", "模拟考试：从全部题库中按规则随机抽题（与 questions 二选一）",
      item=DRAW_RULE, min=1),
])

BRAND = obj("", "党建品牌", [
    F("name", "str", "品牌名称", "", required=True),
    F("unit", "str", "单位", "如“市财政局”", required=True),
    F("branch", "str", "党组织", "如“机关第一党支部”"),
    F("slogan", "str", "口号", ""),
    F("year", "int", "创建年份", "", min=1921, max=2100),
    strlist("tags", "标签"),
    F("logo", "str", "标志图片", "相对于 brands/ 的路径，如 images/xxx.png"),
    strlist("photos", "照片", "相对于 brands/ 的路径列表"),
    F("summary", "str", "一句话简介", "", required=True),
    F("connotation", "markdown", "品牌内涵", "Markdown 格式", required=True),
    F("practices", "list", "主要做法", "", required=True, min=1, item=obj("", "做法", [
        F("title", "str", "做法标题", "", required=True),
        F("text", "markdown", "做法内容", "", required=True),
    ])),
    F("results", "markdown", "工作成效", "Markdown 格式"),
    strlist("honors", "荣誉"),
])

STUDY_PLAN = obj("", "学习计划", [
    F("title", "str", "标题", "", required=True),
    F("start", "date", "开始日期", "第1周的星期一", required=True),
    F("weeks", "list", "各周安排", "每周学一项、每项测一次", required=True, min=1, item=obj("", "一周", [
        F("regulation", "str", "本周法规", "法规编号", required=True, pattern=ID_PATTERN, pattern_hint=ID_HINT),
        F("quiz", "str", "本周测试", "题库编号", pattern=ID_PATTERN, pattern_hint=ID_HINT),
        F("focus", "list", "重点条文", "条号列表", item=F("", "int", "条号", min=1)),
        F("note", "str", "说明", ""),
    ])),
])

QA = obj("", "学习问答", [
    F("title", "str", "标题", "", required=True),
    F("source", "str", "来源", ""),
    strlist("tags", "标签"),
    F("items", "list", "问答", "", required=True, min=1, item=obj("", "一问一答", [
        F("id", "str", "编号", "本文件内唯一，作为永久锚点", required=True,
          pattern=ID_PATTERN, pattern_hint=ID_HINT),
        F("q", "str", "问题", "", required=True),
        F("a", "markdown", "回答", "Markdown 格式", required=True),
        F("refs", "list", "引用条文", "如 [jiguan-jiceng-zuzhi#5]",
          item=F("", "str", "引用", pattern=CITE_PATTERN,
                 pattern_hint="格式为“法规编号#条号”，如 jiguan-jiceng-zuzhi#5")),
    ])),
])

CHECKLIST_KINDS = ("标准化", "规范化", "创建标准", "季督导", "责任清单")
ORG_KINDS = ("党委", "党总支", "党支部")
CITE_HINT = "格式为“法规编号#条号”，如 zhibu-gongzuo-tiaoli#3"

CHECKLIST = obj("", "清单", [
    F("title", "str", "标题", "如“党支部标准化规范化建设自查清单”", required=True),
    F("kind", "enum", "清单类别", "标准化、规范化（两化建设）、创建标准（示范支部、模范机关）、季督导、责任清单",
      required=True, enum=CHECKLIST_KINDS),
    F("year", "int", "年度", "如 2026", min=2000, max=2100),
    F("period", "str", "期间", "季督导等写明期间，如“2026年第二季度”"),
    F("issuer", "str", "印发单位", "如“市直机关工委”"),
    F("summary", "markdown", "说明", "清单用途和使用方法，Markdown 格式"),
    F("pass_score", "int", "达标分数", "创建标准：达到多少分可以申报", min=1, max=1000),
    F("sections", "list", "部分", "清单按部分（如“组织设置”“组织生活”）分组", required=True, min=1,
      item=obj("", "一个部分", [
          F("title", "str", "部分标题", "如“组织设置”", required=True),
          F("items", "list", "条目", "本部分的检查项", required=True, min=1, item=obj("", "检查项", [
              F("id", "str", "条目编号", "本清单内唯一且永久不变（浏览器中的勾选记录按它保存），如 zz-01",
                required=True, pattern=ID_PATTERN, pattern_hint=ID_HINT),
              F("text", "markdown", "内容", "要做到什么，一两句话", required=True),
              F("cite", "str", "依据", "本门户已收录的条文，法规编号#条号，如 zhibu-gongzuo-tiaoli#3",
                pattern=CITE_PATTERN, pattern_hint=CITE_HINT),
              F("basis", "str", "其他依据", "尚未收录的文件，写名称和条号，如“《中国共产党党和国家机关基层组织工作条例》第七条”"),
              strlist("evidence", "佐证材料", "应当留存的材料，如 [支部委员会会议记录, 换届选举请示和批复]"),
              F("score", "int", "分值", "创建标准必填：本项满分", min=1, max=100),
              F("owner", "str", "责任岗位", "责任清单：谁负责，如“党支部书记”"),
          ])),
      ])),
])

ORGANIZATIONS = obj("", "党组织名册（换届提醒）", [
    F("title", "str", "名册名称", "如“市直机关党组织换届名册”", required=True),
    F("organizations", "list", "党组织", "每个党组织一项", required=True, min=1, item=obj("", "党组织", [
        F("name", "str", "名称", "党组织全称，如“市财政局机关第一党支部”", required=True),
        F("kind", "enum", "类别", "党委（基层委员会）、党总支、党支部", required=True, enum=ORG_KINDS),
        F("unit", "str", "单位", "如“市财政局”", required=True),
        F("elected", "date", "上次换届日期", "上次选举产生委员会的日期，格式 YYYY-MM-DD", required=True),
        F("term", "int", "任期（年）", "不填时按类别：党委 5 年，党总支和党支部 3 年（党章规定 3 至 5 年）",
          min=3, max=5),
        F("parent", "str", "上级党组织", "如“市财政局机关党委”"),
        F("note", "str", "备注", ""),
    ])),
])

# name → (definition, glob relative to the project root) for schemas and editors
CONTENT_TYPES = {
    "regulation": (REGULATION, "regulations/*.yml"),
    "quiz": (QUIZ, "quizzes/*.yml"),
    "brand": (BRAND, "brands/*.yml"),
    "study-plan": (STUDY_PLAN, "regulations/study-plan.yml"),
    "qa": (QA, "docs/study/*.yml"),
    "checklist": (CHECKLIST, "checklists/*.yml"),
    "organizations": (ORGANIZATIONS, "organizations/*.yml"),
}
