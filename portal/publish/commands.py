"""CLI verbs of publishing: `build`, `dist` and `offline`."""
from __future__ import annotations

import sys
from pathlib import Path


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def _out_dir(args, value: str | None, default: str) -> Path:
    if value:
        return Path(value)
    path = args.root_path / default
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _publish(action, unchanged: Path) -> int:
    """Run a publish step, reporting failures in Chinese (exit code 1)."""
    from portal.publish.release import PublishError
    try:
        return action()
    except PublishError as e:
        print(e, file=sys.stderr)
    except Exception as e:   # an unexpected failure still leaves the previous output intact
        print(f"发布步骤失败：{type(e).__name__}: {e}", file=sys.stderr)
    print(f"{unchanged} 没有改动（仍是上一次成功生成的内容）。", file=sys.stderr)
    return 1


def _warn_csp(site: Path) -> None:
    from portal.publish.release import NGINX_CONF, uncovered_inline
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
    from portal.publish import release as publish
    site = _out_dir(args, args.site_dir, "site")

    def run() -> int:
        start = time.monotonic()
        info = publish.build(args.root_path, site)
        files = sum(1 for p in site.rglob("*") if p.is_file())
        print(f"已构建 {site}：{files} 个文件，版本 {info['version']}，用时 {time.monotonic() - start:.1f} 秒。")
        _warn_csp(site)
        return 0
    return _publish(run, site)


def cmd_dist(args) -> int:
    from portal.publish import release as publish
    site, out = _out_dir(args, args.site_dir, "site"), _out_dir(args, args.dist_dir, "dist")

    def run() -> int:
        info, files = publish.dist(args.root_path, site, out)
        for f in files:
            print(f"已写入 {f}（{_size(f)}）")
        print(f"已更新 {out / 'SHA256SUMS'}；校验：cd {out} && sha256sum -c SHA256SUMS")
        print(f"版本 {info['version']}，提交 {(info['commit'] or '（无 git）')[:12]}"
              f"{'，含未提交的修改' if info['dirty'] else ''}。部署：scripts/deploy.sh /srv/dangjian {files[0]}")
        _warn_csp(site)
        return 0
    return _publish(run, out)


def cmd_offline(args) -> int:
    from portal.publish import release as publish
    out = _out_dir(args, args.dist_dir, "dist")

    def run() -> int:
        info, target = publish.offline(args.root_path, out)
        print(f"已写入 {target}（{_size(target)}，版本 {info['version']}）。"
              "解压后双击 index.html 即可浏览和搜索；也可运行其中的“启动门户.bat”/“启动门户.sh”。")
        return 0
    return _publish(run, out)


def register(sub) -> None:
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
