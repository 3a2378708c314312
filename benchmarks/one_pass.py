"""One warm pass of the full pipeline over the corpus, for counting instructions on a busy
machine, where timings swing by 20 % and more and instruction counts repeat exactly.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no \\
        .venv/bin/python benchmarks/one_pass.py [FOLDER]

Only the second pass is counted (the first fills spaCy's and the rule sets' caches):
callgrind prints "Collected : N" at the end. The README's before/after figures come from
this run on the corpus. Without valgrind, the script runs both passes uncounted.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import extract_sources, load_nlp  # noqa: E402
from pipeline.io.inputs import iter_input_files  # noqa: E402
from pipeline.io.reading import read_source  # noqa: E402


def instrument(on: bool) -> None:
    """Switch callgrind's counting for this process (nothing when not under callgrind)."""
    try:
        subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    except FileNotFoundError:  # no valgrind here
        pass


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else ROOT / "corpus"
    sources = [read_source(p) for p in iter_input_files([folder]) if isinstance(p, Path)]
    nlp = load_nlp()
    list(extract_sources(sources, nlp=nlp))
    gc.collect()
    instrument(True)
    list(extract_sources(sources, nlp=nlp))
    instrument(False)


if __name__ == "__main__":
    main(sys.argv[1:])
