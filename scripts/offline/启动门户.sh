#!/bin/sh
# 党建学习门户离线版：在本机启动网页服务并打开浏览器（需要 Python 3）。
cd "$(dirname "$0")" || exit 1
for py in python3 python; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 7))' 2>/dev/null; then
    exec "$py" serve.py "$@"
  fi
done
echo "未找到 Python 3，无法启动本机网页服务。" >&2
echo "仍可直接用浏览器打开本文件夹中的 index.html 浏览全部页面（搜索除外）。" >&2
exit 1
