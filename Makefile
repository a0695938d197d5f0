# `make run` and `make test` work from a fresh clone: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Translations (docs/TRANSLATING.md): the template of every string, one catalogue per language,
# compiled to .mo at build time (the .mo files are not committed).
LOCALE := socialsafe_desktop/locale
DOMAIN := socialsafe
POT := $(LOCALE)/$(DOMAIN).pot
LANGS := cy
PO := $(foreach lang,$(LANGS),$(LOCALE)/$(lang)/LC_MESSAGES/$(DOMAIN).po)
MO := $(PO:.po=.mo)
KEYWORDS := -k _ -k gettext -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k npgettext:1c,2,3

.PHONY: run demo test bench screenshots package lint clean system-deps pot po translations i18n-check

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

system-deps:
	bash tools/install-system-deps.sh

run: $(STAMP) translations
	$(BIN)/socialsafe

demo: $(STAMP) translations
	$(BIN)/socialsafe --demo

test: system-deps $(STAMP) translations
	bash tools/run-tests.sh

bench: $(STAMP) translations
	@for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs/screenshots

# Linux bundle + .deb, metadata checks and smoke tests (see packaging/README.md).
package: $(STAMP) translations
	bash packaging/linux/build.sh

# Every translatable string of the Python code and the report templates, with the translators'
# notes (# TRANSLATORS: ...), into the template. Commit the result.
pot: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords $(KEYWORDS) \
		--add-comments=TRANSLATORS: --strip-comment-tags --sort-by-file --width=100 \
		--project=SocialSafe --version=$$($(BIN)/python -c 'import socialsafe_desktop as s; print(s.__version__)') \
		--copyright-holder="The SocialSafe authors" --msgid-bugs-address="" \
		-o $(POT) socialsafe_desktop

# Each language's catalogue brought up to date with the template (new strings empty, changed
# ones marked fuzzy for review). Commit the result.
po: $(STAMP)
	for lang in $(LANGS); do \
		$(BIN)/pybabel -q update -D $(DOMAIN) -i $(POT) -d $(LOCALE) -l $$lang --width=100 \
			|| exit 1; \
	done

# .po -> .mo, for the app to read. Fuzzy and empty translations stay English.
translations: $(MO)

$(LOCALE)/%/LC_MESSAGES/$(DOMAIN).mo: $(LOCALE)/%/LC_MESSAGES/$(DOMAIN).po $(STAMP)
	$(BIN)/pybabel -q compile -D $(DOMAIN) -i $< -o $@

# How complete each catalogue is, and the translation tests (the pseudo-language run included).
i18n-check: $(STAMP) translations
	$(BIN)/python tools/i18n_status.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/i18n tests/report/test_report_languages.py

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache test-artifacts
