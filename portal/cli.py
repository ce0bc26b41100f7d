"""`python -m portal …`: the single entry for every content chore."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import format_report


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    from .library import load
    lib = load(_root(args))
    if lib.problems:
        print(format_report(lib.problems), file=sys.stderr)
    if lib.errors:
        return 1
    print(f"检查通过：法规 {len(lib.regulations)} 部，题库 {len(lib.quizzes)} 个"
          f"（{len(lib.questions)} 题），品牌 {len(lib.brands)} 个，学习问答 {len(lib.qa)} 个。")
    return 0


def cmd_schemas(args) -> int:
    from .jsonschema_gen import write
    for p in write(_root(args)):
        print(f"已写入 {p.relative_to(_root(args))}")
    return 0


def cmd_new_regulation(args) -> int:
    from .regimport import ImportProblem, new_regulation
    try:
        result = new_regulation(Path(args.source), _root(args), id=args.id, issuer=args.issuer,
                                category=args.category, status=args.status, source=args.text_source,
                                force=args.force)
    except ImportProblem as e:
        print(f"{args.source}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{args.source}: 无法读取文件（{e.strerror}）", file=sys.stderr)
        return 1
    rel = result.path.relative_to(_root(args)).as_posix()
    print(f"已写入 {rel}（{result.articles} 条）")
    lines = result.path.read_text(encoding="utf-8").split("\n")
    first = lines.index("text: |") + 2 if "text: |" in lines else 1
    for p in result.problems:   # numbering problems in the pasted text: fix before building
        print(f"{rel}:{first + p.line}:{p.col + 3}: {p.message}", file=sys.stderr)
    print("请补充 tags、summary 等可选项，然后运行 python -m portal check。")
    return 0


def cmd_new_brand(args) -> int:
    from .brandpages import NewBrandProblem, new_brand
    try:
        path = new_brand(_root(args), args.id)
    except NewBrandProblem as e:
        print(e, file=sys.stderr)
        return 1
    print(f"已写入 {path.relative_to(_root(args)).as_posix()}：请按文件中的注释填写，"
          f"然后运行 python -m portal check（必填项未填写时会逐项报错）。")
    return 0


def cmd_import_quiz(args) -> int:
    from .quizsheet import import_quiz
    result = import_quiz(Path(args.file), _root(args), quiz_id=args.id, title=args.title,
                         regulation=args.regulation, pass_mark=args.pass_mark, force=args.force,
                         sheet=args.sheet, label=args.file)
    if result.ignored:
        print(f"忽略的列：{'、'.join(result.ignored)}")
    for note in result.notes:
        print(note)
    if result.problems:
        print("\n".join(result.problems), file=sys.stderr)
        print(f"共发现 {len(result.problems)} 处问题，没有写入任何文件。", file=sys.stderr)
        return 1
    rel = result.path.relative_to(_root(args)).as_posix()
    print(f"已写入 {rel}（{len(result.questions)} 题，其中 {len(result.generated)} 题新生成编号）")
    print("请运行 python -m portal check 检查。")
    return 0


def cmd_export_quiz(args) -> int:
    from .quizsheet_write import ExportProblem, export_quiz
    fmt, out = ("xlsx", args.xlsx) if args.xlsx else ("csv", args.csv)
    try:
        count = export_quiz(_root(args), args.id, Path(out), fmt)
    except ExportProblem as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{out}: 无法写入文件（{e.strerror or e}）", file=sys.stderr)
        return 1
    print(f"已导出 {out}（{count} 题）")
    return 0


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def _out_dir(args, value: str | None, default: str) -> Path:
    if value:
        return Path(value)
    path = _root(args) / default
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _publish(action, unchanged: Path) -> int:
    """Run a publish step, reporting failures in Chinese (exit code 1)."""
    from .publish import PublishError
    try:
        return action()
    except PublishError as e:
        print(e, file=sys.stderr)
    except Exception as e:   # an unexpected failure still leaves the previous output intact
        print(f"发布步骤失败：{type(e).__name__}: {e}", file=sys.stderr)
    print(f"{unchanged} 没有改动（仍是上一次成功生成的内容）。", file=sys.stderr)
    return 1


def _warn_csp(site: Path) -> None:
    from .publish import NGINX_CONF, uncovered_inline
    conf = NGINX_CONF.relative_to(NGINX_CONF.parents[1])
    for directive, missing in uncovered_inline(site).items():
        if directive == "style-src-attr":
            print(f"警告：{conf} 的 Content-Security-Policy 禁止 style=\"…\" 属性，以下页面中的这类样式在服务器上不会生效："
                  f"{'、'.join(sorted(missing)[:10])}。请改用 CSS 类。", file=sys.stderr)
            continue
        print(f"警告：{conf} 的 Content-Security-Policy 缺少以下内联"
              f"{'脚本' if directive == 'script-src' else '样式'}的哈希，按该配置发布时浏览器会拦截它们："
              f"{' '.join(sorted(missing))}。请把它们加入 {directive}（见 README“发布与回滚”）。", file=sys.stderr)


def cmd_build(args) -> int:
    import time
    from . import publish
    site = _out_dir(args, args.site_dir, "site")

    def run() -> int:
        start = time.monotonic()
        info = publish.build(_root(args), site)
        files = sum(1 for p in site.rglob("*") if p.is_file())
        print(f"已构建 {site}：{files} 个文件，版本 {info['version']}，用时 {time.monotonic() - start:.1f} 秒。")
        _warn_csp(site)
        return 0
    return _publish(run, site)


def cmd_dist(args) -> int:
    from . import publish
    site, out = _out_dir(args, args.site_dir, "site"), _out_dir(args, args.dist_dir, "dist")

    def run() -> int:
        info, files = publish.dist(_root(args), site, out)
        for f in files:
            print(f"已写入 {f}（{_size(f)}）")
        print(f"已更新 {out / 'SHA256SUMS'}；校验：cd {out} && sha256sum -c SHA256SUMS")
        print(f"版本 {info['version']}，提交 {(info['commit'] or '（无 git）')[:12]}"
              f"{'，含未提交的修改' if info['dirty'] else ''}。部署：scripts/deploy.sh /srv/dangjian {files[0]}")
        _warn_csp(site)
        return 0
    return _publish(run, out)


def cmd_offline(args) -> int:
    from . import publish
    out = _out_dir(args, args.dist_dir, "dist")

    def run() -> int:
        info, target = publish.offline(_root(args), out)
        print(f"已写入 {target}（{_size(target)}，版本 {info['version']}）。"
              "解压后双击 index.html 即可浏览和搜索；也可运行其中的“启动门户.bat”/“启动门户.sh”。")
        return 0
    return _publish(run, out)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m portal", description="党建学习门户：内容检查与编辑工具")
    p.add_argument("--root", default=".", help="项目根目录（默认当前目录）")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    c = sub.add_parser("check", help="检查全部内容，列出所有错误（有错误时退出码为 1）")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("schemas", help="重新生成 schemas/*.schema.json 和 .vscode/settings.json")
    s.set_defaults(func=cmd_schemas)
    n = sub.add_parser("new", help="新建内容文件")
    nsub = n.add_subparsers(dest="kind", required=True, metavar="类型")
    r = nsub.add_parser("regulation", help="从官方文本（.txt）导入一部法规")
    r.add_argument("--from", dest="source", required=True, help="官方文本文件：首行标题，其后可有题注，然后是正文")
    r.add_argument("--id", help="编号（文件名），默认由标题拼音首字母和年份生成")
    r.add_argument("--issuer", help="制定机关，多个用“、”分隔；默认从题注推断")
    r.add_argument("--category", help="类别：党章 准则 条例 规则 规定 办法 细则 其他；默认从标题推断")
    r.add_argument("--status", help="状态：有效 已修改 已废止 尚未生效（默认 有效）")
    r.add_argument("--source", dest="text_source", help="来源，如“新华社 2020年1月5日电”")
    r.add_argument("--force", action="store_true", help="覆盖已有文件")
    r.set_defaults(func=cmd_new_regulation)
    b = nsub.add_parser("brand", help="新建一个党建品牌文件 brands/<编号>.yml（带填写说明的模板）")
    b.add_argument("--id", required=True, help="品牌编号（文件名），小写字母、数字和“-”，如 hongse-yinqing")
    b.set_defaults(func=cmd_new_brand)
    i = sub.add_parser("import-quiz", help="从 Excel（.xlsx）或 CSV 题库表格导入题库，写入 quizzes/<编号>.yml",
                       description="表头：题型、题干、选项A…选项H、答案、解析、出处、难度、分值、标签、编号。"
                                   "有问题时按行列出全部问题，不写入任何文件。没有“编号”的题目生成"
                                   "“题库编号-001”式的永久编号；重新导入（--force）时请保留表格中的编号，"
                                   "编号才能保持不变（可先用 export-quiz 导出）；未指定的 --regulation、--pass 和题库标签沿用原文件。")
    i.add_argument("file", help="题库表格（.xlsx 或 .csv；CSV 可为 UTF-8 或 GBK 编码）")
    i.add_argument("--id", required=True, help="题库编号（文件名），如 jiguan-zice")
    i.add_argument("--title", required=True, help="题库标题，如“《机关基层组织工作条例》自测”")
    i.add_argument("--regulation", help="本题库考查的法规编号；指定后“出处”可只写“第五条”")
    i.add_argument("--pass", dest="pass_mark", type=int, metavar="N", help="及格线（百分制，默认 60）")
    i.add_argument("--sheet", help="要读取的工作表名称（默认第一个工作表）")
    i.add_argument("--force", action="store_true", help="覆盖已有的题库文件")
    i.set_defaults(func=cmd_import_quiz)
    e = sub.add_parser("export-quiz", help="把题库导出为 Excel 或 CSV 表格（修改后可用 import-quiz 导回）")
    e.add_argument("id", help="题库编号（quizzes/ 下的文件名，不含 .yml）")
    out = e.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", help="导出为 Excel 文件（.xlsx）")
    out.add_argument("--csv", help="导出为 CSV 文件（UTF-8，带 BOM，Excel 可直接打开）")
    e.set_defaults(func=cmd_export_quiz)
    b = sub.add_parser("build", help="严格模式构建网站；成功后才替换输出目录（失败时保留上一次的网站）")
    b.add_argument("--site-dir", help="输出目录（默认 项目目录/site）")
    b.set_defaults(func=cmd_build)
    d = sub.add_parser("dist", help="构建网站并打包发布：dist/<名称>-<版本>.tar.gz、.zip 和 SHA256SUMS",
                       description="版本号取环境变量 PORTAL_VERSION，未设置时取 git describe --tags --always"
                                   "（有未提交的修改时加 -dirty）。子路径发布时先设置 PORTAL_SITE_URL。")
    d.add_argument("--site-dir", help="网站输出目录（默认 项目目录/site）")
    d.add_argument("--dist-dir", help="发布包目录（默认 项目目录/dist）")
    d.set_defaults(func=cmd_dist)
    o = sub.add_parser("offline", help="生成可从文件直接打开的离线版：dist/<名称>-<版本>-offline.zip")
    o.add_argument("--dist-dir", help="发布包目录（默认 项目目录/dist）")
    o.set_defaults(func=cmd_offline)
    m = sub.add_parser("bench", help="规模基准：生成 R1 规模的内容，与纯 Markdown 基线在同一次运行中比较")
    m.add_argument("--scale", type=float, default=1.0, help="规模系数（默认 1.0；0.1 为快速运行）")
    m.add_argument("--json", help="另存结果为 JSON 文件")
    m.add_argument("--keep", help="保留生成的内容和网站到此目录（用于剖析）")
    m.add_argument("--no-edit-loop", action="store_true", help="不测量“保存到预览”的时间")
    m.add_argument("--repeat", type=int, default=2, help="门户与基线交替构建的次数，各取最快一次（默认 2）")
    m.set_defaults(func=cmd_bench)
    return p


def cmd_bench(args) -> int:
    from .bench import main as bench_main
    return bench_main(args.scale, args.json, args.keep, not args.no_edit_loop, args.repeat)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
