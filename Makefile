# The everyday loop. `make dev` once, then `make check` before each commit.
PY := .venv/bin/python

.PHONY: dev test lint fmt types bench check

dev:
	python3 -m venv .venv && .venv/bin/pip install -e '.[test]'

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check src tests bench && .venv/bin/ruff format --check src tests bench

fmt:
	.venv/bin/ruff format src tests bench && .venv/bin/ruff check --fix src tests bench

types:
	.venv/bin/mypy

bench:
	$(PY) bench/startup.py && $(PY) bench/commands.py && $(PY) bench/agenda.py && $(PY) bench/grouping.py

# The suite runs ruff, ruff format and mypy itself (tests/test_style.py), so
# `check` runs each tool once; `lint` and `types` are for a quick look alone.
check: test
