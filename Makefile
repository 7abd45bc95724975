# Community Whistle. `make test` works from a clean clone: it makes .venv with a suitable Python.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/whistle-compiled/sources.json
EXTRAS ?= dev,homeserver,research

.PHONY: test lint venv browser bench bench-bot eval clean run lab

venv: $(STAMP) $(COMPILED)

$(STAMP): pyproject.toml Makefile
	@if [ ! -x $(PY) ]; then \
	  interp=$$(.ci/find-python) || exit 1; \
	  echo "make: creating $(VENV) with $$interp ($$($$interp --version))"; \
	  $$interp -m venv $(VENV) || exit 1; \
	else echo "make: using $(VENV) ($$($(PY) --version))"; fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[$(EXTRAS)]'
	@touch $(STAMP)

# The routing's hot modules compiled by mypyc (rules/compiled.py), rebuilt when they change; without a C compiler
# the same code runs as Python.
$(COMPILED): $(STAMP) rules/normalize.py rules/sieve.py rules/classifier.py rules/gate.py rules/router.py
	@$(PY) -c 'from rules.compiled import main; raise SystemExit(main())' || true

# The live demo: local homeserver, the rulebook's rooms, the bot and a demo community; Ctrl-C stops all.
run: venv
	$(VENV)/bin/whistle run

# The browser tests drive Debian's Chromium with a Chinese font: installed with apt-get when missing.
browser:
	@.ci/browser

test: venv browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -n auto --maxprocesses=4 --nbmake --nbmake-timeout=120 chatops rules research tests notebooks

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: venv
	$(PY) benchmarks/routing.py
	$(PY) benchmarks/routing_quality.py
	$(PY) benchmarks/store_ingest.py
	$(PY) benchmarks/deadlines.py
	$(PY) benchmarks/scheduler.py

# The notebooks run in notebooks/: a WHISTLE_DATA given relative to here is made absolute first; as root
# (containers, CI machines) Jupyter needs to be told it may.
lab: venv
	$(if $(WHISTLE_DATA),WHISTLE_DATA=$(abspath $(WHISTLE_DATA)),) $(VENV)/bin/jupyter lab --notebook-dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root,)

# The bot on a throwaway Synapse (needs the homeserver extra): latency beside a raw relay, then load.
bench-bot: venv
	$(PY) benchmarks/bot_latency.py
	$(PY) benchmarks/bot_load.py

eval: venv
	$(VENV)/bin/whistle route --eval ../shared/data/complaints/tipdm-dev.csv
	$(VENV)/bin/whistle route --eval ../shared/data/complaints/tipdm-dev.csv --cv 5
	$(VENV)/bin/whistle route --eval rules/data/chat_messages.csv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
