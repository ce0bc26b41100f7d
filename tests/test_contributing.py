"""CONTRIBUTING.md, the editors' guide, is true: its shell commands run as written in a
copy of the project, its error examples are the messages the tools really print, its
YAML examples pass the check, and every page's edit link opens a real source file."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_portal
from portal.study import macros as studymacros
from portal.content.loader import load

GUIDE = ROOT / "CONTRIBUTING.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", TEXT, re.S | re.M)
# long-running (a preview server), recursive (the whole test suite) or not ours to run
NOT_RUN = ("make serve", "make test", "git ")
IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "dist", "offline", ".hypothesis", ".pytest_cache",
                                "__pycache__", "node_modules", ".cache")

REGULATION_TXT = """\
中国共产党示例机关党建工作规定
（2026年1月1日中共示例委员会发布）
第一章　总则
第一条　为了示例，制定本规定。
第二条　机关党支部应当每月开展一次主题党日。
"""


def commands(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


SH = [(i, commands(b)) for i, (lang, b) in enumerate(BLOCKS) if lang == "sh"]


def write_quiz_sheet(path: Path) -> None:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["题型", "题干", "选项A", "选项B", "选项C", "答案", "解析"])
    ws.append(["单选", "党支部应当多久开展一次主题党日？（  ）", "每月", "每季度", "每年", "A", "每月一次。"])
    ws.append(["判断", "党员应当按期交纳党费。", None, None, None, "对", None])
    ws.append(["填空", "主题党日每（  ）开展一次。", None, None, None, "月", None])
    wb.save(path)


def project_copy(tmp_path: Path) -> Path:
    """The project as an editor has it: sources, the shared virtualenv, and the files the guide names."""
    copy = tmp_path / "portal"
    shutil.copytree(ROOT, copy, ignore=IGNORE, symlinks=True)
    venv = ROOT / ".venv"
    (copy / ".venv").symlink_to(venv, target_is_directory=True)
    stamp = venv / ".installed"
    if stamp.exists():        # make must not think the environment needs reinstalling
        t = stamp.stat().st_mtime - 60
        os.utime(copy / "requirements.txt", (t, t))
    (copy / "条例.txt").write_text(REGULATION_TXT, encoding="utf-8")
    write_quiz_sheet(copy / "题库.xlsx")
    return copy


def test_the_guide_has_runnable_commands_for_each_content_type():
    everything = "\n".join(c for _, cmds in SH for c in cmds)
    for needed in ("portal new regulation --from", "portal import-quiz", "portal new brand --id",
                   "portal check", "make check", "make serve", "make build"):
        assert needed in everything, needed


@pytest.mark.parametrize("index,cmds", SH, ids=[" && ".join(c)[:60] for _, c in SH])
def test_shell_commands_run_as_written(tmp_path, index, cmds):
    runnable = [c for c in cmds if not c.startswith(NOT_RUN)]
    if not runnable:
        pytest.skip(f"不在测试中运行：{'; '.join(cmds)}")
    copy = project_copy(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_CONTENT_ROOT", "PYTHONPATH", "PORTAL_TODAY")}
    for cmd in runnable:
        result = subprocess.run(["bash", "-c", cmd], cwd=copy, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{cmd}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        if cmd.endswith(" check"):
            assert "检查通过" in result.stdout, result.stdout + result.stderr
    if any("new regulation" in c for c in runnable):
        assert any("主题党日" in p.read_text(encoding="utf-8") for p in (copy / "regulations").glob("*.yml"))
    if any("import-quiz" in c for c in runnable):
        assert "党支部应当多久开展一次主题党日" in (copy / "quizzes" / "jiguan-dangjian-zice.yml").read_text(encoding="utf-8")
    if any("new brand" in c for c in runnable):
        assert (copy / "brands" / "hongse-xianfeng.yml").is_file()
    if any(c.startswith("make build") for c in runnable):
        assert (copy / "site" / "study" / "jiguan-dangjian-wenda" / "index.html").is_file()


def test_error_examples_are_real_check_output():
    shown = [line for lang, b in BLOCKS if lang == "text" for line in b.splitlines()
             if re.match(r"^[\w./-]+\.yml:\d+:\d+: ", line)]
    assert len(shown) >= 10
    real = run_portal("--root", str(ROOT / "tests" / "bad_input"), "check").stderr.splitlines()
    missing = [line for line in shown if line not in real]
    assert not missing, missing


def test_macro_error_examples_are_what_the_build_prints():
    lib = load(ROOT)
    page, here = "docs/study/jiguan-dangjian-zhize.md", "study/jiguan-dangjian-zhize/"
    messages = []
    for args in (("zhibu-gongzuo-tiaol", 2), ("wenze-tiaoli", 9)):
        with pytest.raises(studymacros.MacroError) as e:
            studymacros.article(lib, here, *args, source=page)
        messages.append(str(e.value))
    undefined = studymacros.undefined_for(page)(name="artcle")
    with pytest.raises(Exception) as e:
        str(undefined)
    messages.append(str(e.value))
    for message in messages:
        assert message in TEXT, message
    for name in studymacros.MACROS:
        assert f"{{{{ {name}(" in TEXT, name


def test_yaml_examples_pass_the_check(tmp_path):
    examples = [b for lang, b in BLOCKS if lang == "yaml" and not b.startswith("---")]
    plan = next(b for b in examples if b.startswith("title:") and "weeks:" in b)
    qa = next(b for b in examples if "items:" in b)
    copy = tmp_path / "c"
    for folder in ("regulations", "quizzes", "brands"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "regulations" / "study-plan.yml").write_text(plan, encoding="utf-8")
    (copy / "docs" / "study").mkdir(parents=True)
    (copy / "docs" / "study" / "shili-wenda.yml").write_text(qa, encoding="utf-8")
    result = run_portal("--root", str(copy), "check")
    assert result.returncode == 0, result.stderr
    lib = load(copy)
    assert len(lib.plan.weeks) == 1 and lib.qa["shili-wenda"].items[0].refs == ["zhibu-gongzuo-tiaoli#2"]


def test_every_edit_link_opens_a_real_source_file(sample_site):
    linked = {}
    for page in sample_site.rglob("index.html"):
        m = re.search(r'href="[^"]*/edit/main/([^"]+)"[^>]*title="编辑此页"', page.read_text(encoding="utf-8"))
        if m:
            linked[page.parent.relative_to(sample_site).as_posix()] = m.group(1)
    broken = {url: src for url, src in linked.items() if not (ROOT / src).is_file()}
    assert not broken, broken
    assert linked["plan"] == "regulations/study-plan.yml"
    assert linked["study/jiguan-dangjian-wenda"] == "docs/study/jiguan-dangjian-wenda.yml"
    assert linked["study/jiguan-dangjian-zhize"] == "docs/study/jiguan-dangjian-zhize.md"
    assert linked["."] == "docs/index.md"
    assert linked["regulations/wenze-tiaoli"] == "regulations/wenze-tiaoli.yml"


def test_the_readme_points_to_the_guide():
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
