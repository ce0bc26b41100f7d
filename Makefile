# Every docs chore starts here; `python -m portal` does the work.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
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

test: $(STAMP)
	$(PY) -m pytest -q
	if command -v node >/dev/null 2>&1; then node --test tests/js/; else echo "node 未安装：跳过 tests/js 的 JavaScript 测试"; fi

clean:
	rm -rf site .pytest_cache
