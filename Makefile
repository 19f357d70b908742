# The course in two commands: `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OFFLINE := HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Read the STS Benchmark from the shared mirror when it sits beside the repository.
export COURSE_DATA_DIR ?= $(if $(wildcard ../shared/data/stsbenchmark),$(abspath ../shared/data))

.DEFAULT_GOAL := help
.PHONY: help install data lab test unit nbval nbval-default lint format notebooks clean
NBVAL := $(OFFLINE) $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=600 \
	--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

help:  ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install torch, the pinned requirements and course_utils

data: $(STAMP)  ## fetch the public benchmarks once (online) into the course's data cache
	$(BIN)/python -m course_utils prefetch

lab: $(STAMP)  ## install if needed, fetch the data once if online, then start JupyterLab on notebooks/
	-$(BIN)/python -m course_utils prefetch
	$(BIN)/jupyter lab notebooks/

test: data  ## fetch the data once if needed, then lint, unit tests and every notebook under strict nbval (offline)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(OFFLINE) $(BIN)/python -m pytest tests
	$(NBVAL) $(NOTEBOOKS)

unit: $(STAMP)  ## only the unit tests
	$(OFFLINE) $(BIN)/python -m pytest tests

nbval: data  ## only the notebooks (NB=notebooks/00_setup_check.ipynb for one)
	$(NBVAL) $(or $(NB),$(NOTEBOOKS))

nbval-default: data  ## the notebooks again on ATen's plain, unvectorised kernels (another CPU's last digits)
	ATEN_CPU_CAPABILITY=default $(NBVAL) $(or $(NB),$(NOTEBOOKS))

lint: $(STAMP)  ## ruff lint and format check (notebooks included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

notebooks: data  ## re-execute every notebook in place, fresh kernel (NB=... for one)
	for nb in $(or $(NB),$(NOTEBOOKS)); do \
		echo "== $$nb"; \
		$(OFFLINE) $(BIN)/python tools/execute_notebook.py $$nb || exit 1; \
	done

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
