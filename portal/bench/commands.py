"""CLI verb of the benchmark: `bench`."""
from __future__ import annotations



def cmd_bench(args) -> int:
    if args.search:
        from portal.bench.search import main as search_main
        return search_main(args.scale, args.json, args.keep)
    from portal.bench.run import main as bench_main
    return bench_main(args.scale, args.json, args.keep, not args.no_edit_loop, args.repeat)


def register(sub) -> None:
    m = sub.add_parser("bench", help="规模基准：生成 R1 规模的内容，与纯 Markdown 基线在同一次运行中比较")
    m.add_argument("--scale", type=float, default=1.0, help="规模系数（默认 1.0；0.1 为快速运行）")
    m.add_argument("--json", help="另存结果为 JSON 文件")
    m.add_argument("--keep", help="保留生成的内容和网站到此目录（用于剖析）")
    m.add_argument("--no-edit-loop", action="store_true", help="不测量“保存到预览”的时间")
    m.add_argument("--repeat", type=int, default=2, help="门户与基线交替构建的次数，各取最快一次（默认 2）")
    m.add_argument("--search", action="store_true",
                   help="检索基准：8 部语料法规埋入 R1 内容，在 Node 中跑 portal/bench/search_queries.yml 的查询")
    m.set_defaults(func=cmd_bench)
