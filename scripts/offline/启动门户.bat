@echo off
rem 党建学习门户离线版：在本机启动网页服务并打开浏览器（需要 Python 3）。
rem This file is written in GBK with CRLF line ends by portal/publish/release.py.
cd /d "%~dp0"
where py >nul 2>nul
if not errorlevel 1 (
  py -3 serve.py
  goto done
)
where python >nul 2>nul
if not errorlevel 1 (
  python serve.py
  goto done
)
echo 未找到 Python 3，无法启动本机网页服务。
echo 仍可直接双击本文件夹中的 index.html 浏览全部页面（搜索除外）。
:done
pause
