# Every docs chore starts here; `python -m portal` does the work.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test check schemas clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(PY) -m mkdocs build --strict

check: $(STAMP)
	$(PY) -m portal check

schemas: $(STAMP)
	$(PY) -m portal schemas

test: $(STAMP)
	$(PY) -m pytest -q

clean:
	rm -rf site .pytest_cache
