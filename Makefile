# The course in two commands: `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OFFLINE := HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]*_*.ipynb))
# Read the STS Benchmark from the shared mirror when it sits beside the repository.
export COURSE_DATA_DIR ?= $(if $(wildcard ../shared/data/stsbenchmark),$(abspath ../shared/data))

.DEFAULT_GOAL := help
.PHONY: help install data lab test unit nbval nbval-default lint format notebooks clean site site-test usb install-offline
NBVAL := $(OFFLINE) $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=600 \
	--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

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
	$(OFFLINE) $(BIN)/python -m pytest --doctest-modules course_utils -p no:cacheprovider
	$(NBVAL) --junitxml=build/nbval-times.xml $(NOTEBOOKS)

unit: $(STAMP)  ## only the unit tests (and the docstring examples of course_utils)
	$(OFFLINE) $(BIN)/python -m pytest tests
	$(OFFLINE) $(BIN)/python -m pytest --doctest-modules course_utils -p no:cacheprovider

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

# The course site, its browser test, and a classroom without internet (see INSTRUCTORS.md).
SITE_STAMP := $(VENV)/.site-installed

$(SITE_STAMP): requirements-site.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-site.txt -c requirements.txt
	touch $(SITE_STAMP)

site: $(SITE_STAMP)  ## build the course site from the stored notebook outputs (no re-execution) into site/_build/html
	$(BIN)/sphinx-build -q -W --keep-going -b html site site/_build/html

site-test: site  ## the site in headless Chromium (installed from Debian if missing): titles, images, links, console
	COURSE_SITE_TEST=1 $(BIN)/python -m pytest tests/site -p no:cacheprovider --noconftest

ifneq ($(filter usb,$(MAKECMDGOALS)),)
  $(if $(DEST),,$(error usage: make usb DEST=/media/stick))
endif
ifneq ($(filter install-offline,$(MAKECMDGOALS)),)
  $(if $(wildcard $(WHEELHOUSE)),,$(error usage: make install-offline WHEELHOUSE=/media/stick/wheelhouse (a folder)))
endif

usb: $(STAMP)  ## fill DEST for a room without internet: wheels of everything + the STS Benchmark (DEST=/media/stick)
	$(BIN)/python -m pip download --quiet --dest "$(DEST)/wheelhouse" pip setuptools torch==2.13.0 -r requirements.txt
	$(BIN)/python -m course_utils prefetch --data-dir "$(DEST)/data" $(if $(COURSE_DATA_DIR),--source "$(COURSE_DATA_DIR)")

install-offline:  ## make install from a wheelhouse, no network (WHEELHOUSE=/media/stick/wheelhouse)
	PIP_NO_INDEX=1 PIP_FIND_LINKS="$(abspath $(WHEELHOUSE))" $(MAKE) install
