# `make run` and `make test` work from a fresh clone: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test bench screenshots package lint clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

system-deps:
	bash tools/install-system-deps.sh

run: $(STAMP)
	$(BIN)/socialsafe

demo: $(STAMP)
	$(BIN)/socialsafe --demo

test: system-deps $(STAMP)
	bash tools/run-tests.sh

bench: $(STAMP)
	@for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs/screenshots

# Linux bundle + .deb, metadata checks and smoke tests (see packaging/README.md).
package: $(STAMP)
	bash packaging/linux/build.sh

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache test-artifacts
