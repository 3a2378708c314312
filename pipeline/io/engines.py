"""Which engine runs the documents, and the result cache in front of it: the one place the
extract command's options turn into a stream of Outcomes (outcomes.py), one per file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .cache import ResultCache, pipeline_fingerprint
from .outcomes import Extractor, InputFile, Outcome, local_outcomes, spacy_extractor
from .reading import DEFAULT_MAX_BYTES

ENGINES = ("local", "dask")


def document_outcomes(files: list[Path], *, n_process: int = 1, max_bytes: int = DEFAULT_MAX_BYTES, model=None,
                      extractor: Extractor | None = None, cache_dir=None, engine: str = "local",
                      scheduler: str | None = None) -> Iterator[Outcome]:
    """One Outcome per file, in order, from the engine named (behind the cache, if any);
    nothing is loaded or started before the first Outcome is asked for."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (use {', '.join(ENGINES)})")
    if engine == "dask":
        from .dask_engine import dask_outcomes

        def run(inputs: Iterable[InputFile]) -> Iterator[Outcome]:  # workers read the files themselves
            return dask_outcomes((file.path for file in inputs), scheduler=scheduler, n_workers=n_process,
                                 max_bytes=max_bytes, model=model)
    else:
        extract = extractor or spacy_extractor(n_process, max_bytes, model)

        def run(inputs: Iterable[InputFile]) -> Iterator[Outcome]:
            return local_outcomes(inputs, extract, max_bytes)

    if cache_dir is None:
        yield from run(map(InputFile, files))
        return
    cache = ResultCache(cache_dir, pipeline_fingerprint(model))
    in_process = extractor or spacy_extractor(1, max_bytes, model)

    def recompute(path: Path) -> Outcome:  # a cache entry that did not read back
        return next(local_outcomes([InputFile(path)], in_process, max_bytes))

    yield from cache.outcomes(files, run, recompute, max_bytes)
    unusable = f", {cache.unusable} unreadable entries recomputed" if cache.unusable else ""
    print(f"cache {cache.folder}: {cache.hits} of {len(files)} files taken from the cache, "
          f"{cache.misses} read and extracted{unusable}", file=sys.stderr)
    others = cache.other_stores()
    if others:
        size = sum(p.stat().st_size for p in others) / 1e6
        print(f"cache {cache.folder}: {len(others)} other store{'s' if len(others) > 1 else ''} "
              f"({size:.1f} MB) of other pipeline versions or models; delete those no run needs",
              file=sys.stderr)
