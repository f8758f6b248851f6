# Two commands set everything up on a fresh machine:
#   make demo   create .venv, install, analyse the bundled examples
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storylens analyze examples/articles --format md

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium through Playwright (a browser download by
# `playwright install` fails offline); installed here when missing (needs root).
chromium:
	test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

bench: $(STAMP)
	$(BIN)/python bench/ingest_throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
