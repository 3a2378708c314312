# Two commands do everything on a fresh machine: `make extract` and `make test`.
# Each creates .venv and installs the project on first use; after that the install is a no-op.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
IN     ?= corpus
OUT    ?= outputs
N_PROCESS ?= 1

.PHONY: extract test model eval bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract $(IN) --out $(OUT) --n-process $(N_PROCESS)

test: $(STAMP)
	$(PY) -m pytest -q

model: $(STAMP)
	$(PY) -m pipeline.model

eval: $(STAMP)
	$(PY) -m pipeline evaluate

bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
