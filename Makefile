# Two commands do everything on a fresh machine: `make extract` and `make test`.
# Each creates .venv and installs the project on first use; after that the install is a no-op.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
BYTECODE := $(VENV)/.bytecode-stamp
SOURCES  := $(shell find pipeline -name '*.py')
IN     ?= corpus
OUT    ?= outputs
N_PROCESS ?= 1

DEVSET_TEXTS ?= .devset
DEVSET_GOLD  ?= ../shared/devset/gold

.PHONY: extract test browser model eval eval-real bench fuzz setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The package's bytecode, compiled once per change of its sources: the install is editable,
# so pip compiles none of it, and where PYTHONDONTWRITEBYTECODE is set (as on this team's
# machines) Python would compile the package's modules on every start of every process
# (importing the package: 4.71 -> 4.16 G instructions under callgrind, about 0.2 s of
# every start, about 8 % of a one-file run).
$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q pipeline >/dev/null
	touch $(BYTECODE)

extract: $(BYTECODE)
	$(PY) -m pipeline extract $(IN) --out $(OUT) --n-process $(N_PROCESS)

test: $(STAMP) browser
	$(PY) -m pytest -q

# Headless Chromium from the system's packages, for the report's browser test
# (tests/test_report_browser.py, which says why it skips without it); installed only as
# root on a machine with apt-get, a no-op when it is there.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium (apt-get) for the report's browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "could not install chromium: the browser test will skip"; \
	fi

model: $(STAMP)
	$(PY) -m pipeline.model

eval: $(STAMP)
	$(PY) -m pipeline evaluate

# The real-article dev set: texts are third-party, rebuilt into .devset/ (never committed);
# the gold sits beside the project (DEVSET_GOLD=… where it does not).
eval-real: $(STAMP)
	@if [ ! -d "$(DEVSET_TEXTS)" ]; then \
	  echo "eval-real: no dev set texts in $(DEVSET_TEXTS)/ - rebuild them as ../shared/devset/README.md says (one 'search' call per line of its sources_*.tsv), then run make eval-real again" >&2; \
	  exit 2; \
	fi
	@if [ ! -d "$(DEVSET_GOLD)" ]; then \
	  echo "eval-real: no dev set gold in $(DEVSET_GOLD)/ - give its folder as make eval-real DEVSET_GOLD=path/to/shared/devset/gold" >&2; \
	  exit 2; \
	fi
	$(PY) -m pipeline evaluate --gold $(DEVSET_GOLD) --texts $(DEVSET_TEXTS) --out $(OUT)/eval-real

bench: $(BYTECODE)
	$(PY) benchmarks/bench.py

# A hostile tester's run (issue 15): N mutated corpus documents through the CLI in batches;
# prints aborts, crashes, slow documents and absurd values (tools/fuzz.py).
N ?= 1000
fuzz: $(STAMP)
	$(PY) tools/fuzz.py $(N)

clean:
	rm -rf $(VENV) build *.egg-info
