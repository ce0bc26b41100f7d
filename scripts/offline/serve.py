"""党建学习门户离线版：在本机启动一个只供本机访问的网页服务，并用浏览器打开门户。

Offline copy launcher: serves this folder on 127.0.0.1 only and opens the browser.
Standard library only (Python 3.7+); started by 启动门户.bat / 启动门户.sh.
"""
import functools
import http.server
import os
import sys
import threading
import webbrowser

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
         ".txt": "text/plain; charset=utf-8"}


class Handler(http.server.SimpleHTTPRequestHandler):
    # Windows registries sometimes map .js to text/plain: fix the types the portal needs
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)

    def log_message(self, *args):
        pass


def main():
    handler = functools.partial(Handler, directory=HERE)
    server = None
    for port in list(range(8000, 8010)) + [0]:
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    if server is None:
        print("无法启动本机网页服务：端口都被占用。", file=sys.stderr)
        return 1
    url = "http://127.0.0.1:%d/index.html" % server.server_address[1]
    print("党建学习门户已在本机启动：" + url)
    print("浏览器没有自动打开时，请把上面的地址复制到浏览器地址栏。")
    print("使用期间请不要关闭本窗口；用完后关闭窗口或按 Ctrl+C 结束。")
    if "--no-browser" not in sys.argv:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
