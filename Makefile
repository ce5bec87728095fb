# make test  - create .venv if missing, install the project with its test extras, run every check
# make serve - run the web service on 127.0.0.1:8000 (payments off, SQLite ledger in ./data)
# make bench - run the benchmarks in bench/ (paragraph mode, rule packs, semantic layer)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: test lint browser bench bench-service serve clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[service,pdf,semantic,test]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

browser:
	bash scripts/install-browser.sh

test: lint browser
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/compat.py
	$(BIN)/python bench/packs.py
	$(BIN)/python bench/semantic.py

bench-service: $(STAMP)
	$(BIN)/python bench/service.py

serve: $(STAMP)
	$(BIN)/chatscan serve --host 127.0.0.1 --port 8000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build src/*.egg-info
