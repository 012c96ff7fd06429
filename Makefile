# The everyday loop. `make dev` once, then `make check` before each commit.
PY := .venv/bin/python

.PHONY: dev test lint fmt types bench check quick-table prebuilt

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

# After changing an option of a command the quick path runs (see cli/commands.py,
# QUICK): remake its table; tests/test_quick.py fails until it matches.
quick-table:
	$(PY) -m motiongen.cli.commands --write-quick-table

# The cache entries the wheel ships, made for an editable checkout as it is now
# (its install made them; an edited module or seed file leaves them unused).
prebuilt:
	$(PY) -m motiongen.prebuilt src/motiongen/_prebuilt

bench:
	$(PY) bench/startup.py && $(PY) bench/commands.py && $(PY) bench/agenda.py && $(PY) bench/grouping.py

# The suite runs ruff, ruff format and mypy itself (tests/test_style.py), so
# `check` runs each tool once; `lint` and `types` are for a quick look alone.
check: test
