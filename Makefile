# One-step set-up and the project's main jobs. Needs only Python 3.11 and make.
#   make figures  - set up .venv and regenerate figures/ and the tables behind them from seeds/
#   make test     - set up .venv and run the linter and the whole test suite
#   make lab      - open the notebooks in JupyterLab with the project's environment
#   make bench    - run the benchmark against scikit-learn and NLTK (see benchmarks/README.md)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test

.PHONY: figures test lint lab bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

figures: $(STAMP)
	MPLBACKEND=Agg $(BIN)/framing report seeds --by source_type --out figures

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	MPLBACKEND=Agg $(BIN)/python -m pytest

$(VENV)/.installed-lab: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		-e ".[test,notebooks]"
	touch $@

lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_counts.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
