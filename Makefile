# Every docs chore starts here; `python -m portal` does the work.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build dist offline test check schemas clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

serve: $(STAMP)
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(PY) -m portal build

dist: $(STAMP)
	$(PY) -m portal dist

offline: $(STAMP)
	$(PY) -m portal offline

check: $(STAMP)
	$(PY) -m portal check

schemas: $(STAMP)
	$(PY) -m portal schemas

# Test-only Node packages (package.json: axe-core for tests/test_a11y.py), at the locked versions.
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: $(STAMP)
	if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP) || echo "npm ci 失败：tests/test_a11y.py 将跳过"; else echo "npm 未安装：tests/test_a11y.py 将跳过"; fi
	$(PY) -m pytest -q
	if command -v node >/dev/null 2>&1; then node --test tests/js/; else echo "node 未安装：跳过 tests/js 的 JavaScript 测试"; fi

clean:
	rm -rf site .pytest_cache
