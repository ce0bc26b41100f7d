"""CLI verb of the audit: `audit` (report, `--confirm`, `--confirm-file`, `--format markdown`)."""
from __future__ import annotations

import sys
from datetime import date

from portal.audit import confirmations
from portal.audit.policy import check_audit
from portal.audit.states import PENDING, REVISED, STALE, STATES, article_fingerprint, assess

# the rules `portal check` and every build add to the content core's checks
CHECKS = (check_audit,)


def _load(args):
    from portal.content.loader import load
    return load(args.root_path, checks=CHECKS)


def cmd_audit(args) -> int:
    lib = _load(args)
    record = confirmations.read(lib.root)
    if args.confirm or args.confirm_file:
        return _confirm(args, lib, record)
    from portal.audit.report import counts, rows, skewed
    entries = assess(lib, record)
    table, figures, skew = rows(lib, entries), counts(entries), skewed(lib)
    errors = lib.errors
    if args.format == "markdown":
        from portal.web.render import render
        text = render("audit-report.md.j2", rows=table, figures=figures, skew=skew, states=STATES,
                      errors=[str(p) for p in errors], today=date.today())
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"已写入 {args.output}")
        else:
            sys.stdout.write(text)
    else:
        _print_text(table, figures, skew, errors)
    return 1 if errors else 0


def _print_text(table, figures, skew, errors) -> None:
    states = figures["states"]
    print(f"题目复核：共 {figures['total']} 题　" + "　".join(f"{s} {n}" for s, n in states.items()))
    for t, c in figures["types"].items():
        print(f"  {t} {c['total']} 题：" + "，".join(f"{s} {c[s]}" for s in STATES if c[s]))
    print(f"自动核对：单选、多选、填空共 {figures['grounded']} 题对照了所引条文，"
          f"其中 {figures['settled']} 题由规则核定，其余需要有人确认")
    for state in (STALE, REVISED, PENDING):
        listed = [r for r in table if r.entry.state == state]
        if listed:
            print(f"\n{state}（{len(listed)} 题）：")
            for r in listed:
                print(f"  {r.where}: {r.entry.q.id}（{r.entry.q.type}）{r.reason}")
    for line in skew:
        print("\n" + line if line is skew[0] else line)
    if errors:
        print(f"\n内容检查发现 {len(errors)} 处错误：", file=sys.stderr)
        for p in errors:
            print(p, file=sys.stderr)


def _confirm(args, lib, record) -> int:
    if record.problems:
        for p in record.problems:
            print(p, file=sys.stderr)
        print("复核记录有问题，没有写入任何确认。", file=sys.stderr)
        return 1
    entries = {e.q.id: e for e in assess(lib, record)}
    wanted = list(args.confirm or [])
    problems = []
    for rel in args.confirm_file or []:
        rel = rel.replace("\\", "/")
        quiz = next((z for z in lib.quizzes.values() if z.path == rel), None)
        if quiz is None:
            problems.append(f"{rel}: 不是已加载的题库文件（路径相对于项目根目录，如 quizzes/x.yml）")
            continue
        wanted += [q.id for q in quiz.questions if entries[q.id].state in (PENDING, REVISED)]
    today = date.today()
    done = []
    for qid in dict.fromkeys(wanted):
        e = entries.get(qid)
        if e is None:
            problems.append(f"题目“{qid}”不存在")
        elif e.errors:
            problems.append(f"题目“{qid}”不能确认：" + "；".join(m for _, m in e.errors))
        elif e.state == STALE:
            problems.append(f"题目“{qid}”不能确认：{e.reasons[0]}")
        else:
            record.entries[qid] = confirmations.Confirmation(
                qid, e.q.source, today, article_fingerprint(lib, e.q),
                confirmations.question_fingerprint(e.q)).sealed()
            done.append((qid, e.state))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("没有写入任何确认。", file=sys.stderr)
        return 1
    path = confirmations.write(lib.root, record)
    if not done:
        print("没有需要确认的题目。")
        return 0
    print(f"已确认 {len(done)} 题，写入 {path.relative_to(lib.root).as_posix()}：")
    for state in dict.fromkeys(state for _, state in done):
        ids = [qid for qid, s in done if s == state]
        print(f"  原为{state}（{len(ids)} 题）：{'、'.join(ids)}")
    return 0


def register(sub) -> None:
    a = sub.add_parser("audit", help="题目复核：按状态列出每道题（已核实、已确认、待确认、条文已修订、引用已失效），记录人工确认")
    a.add_argument("--confirm", nargs="+", metavar="ID", help="对照条文核对后，确认这些题目（记入复核记录）")
    a.add_argument("--confirm-file", nargs="+", metavar="FILE",
                   help="确认这些题库文件中所有待确认、条文已修订的题目，如 quizzes/x.yml")
    a.add_argument("--format", choices=("text", "markdown"), default="text", help="报告格式（markdown 可交给审核人）")
    a.add_argument("-o", "--output", help="把 markdown 报告写入此文件")
    a.set_defaults(func=cmd_audit)

