"""The extraction as a Dask job (`extract --engine dask [--scheduler ADDRESS]`).

Files go to the workers in batches as dask.distributed futures, a bounded window of them in
flight; each worker reads its files and runs them through the same code as the local engine
(outcomes.local_outcomes, the model loaded once per worker process by load_nlp's cache), and
the batches' Outcomes come back in submission order, so the batch writer sees exactly what a
local run gives it. Workers read the files themselves: on a real cluster the paths must be
the same on every machine (a shared file system); the client reads nothing but the cache's
hashes.

A worker that dies takes its running batch with it; the scheduler runs the batch again on
another worker (up to distributed's allowed-failures). A batch that keeps killing workers is
split and its files run one by one, so only the file that kills a worker is lost, reported
as an internal error (KilledWorker) like any other bug.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from .outcomes import Broken, InputFile, Outcome, local_outcomes, spacy_extractor
from .reading import DEFAULT_MAX_BYTES

BATCH_FILES = 16  # files per task: enough to make a task's overhead small against its work
TASKS_PER_WORKER = 3  # tasks in flight per worker thread: none waits for work, memory stays bounded


def extract_batch(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, model=None) -> list[Outcome]:
    """Run on a worker: the Outcomes of these files, in order, as the local engine gives them."""
    files = (InputFile(Path(path)) for path in paths)
    return list(local_outcomes(files, spacy_extractor(1, max_bytes, model), max_bytes))


def worker_fingerprint(model=None) -> str:
    from .cache import pipeline_fingerprint

    return pipeline_fingerprint(model)


def _client(scheduler: str | None, n_workers: int):
    """A client of the cluster at scheduler, else of a new local cluster of n_workers
    processes (one thread each: the pipeline is Python, threads would share one core);
    and that local cluster, to close with the client."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _check_workers(client, model) -> None:
    """Every worker must run the pipeline this client fingerprints (same code, model and
    libraries), or the outputs and the cache would depend on which worker ran a file."""
    from .cache import pipeline_fingerprint

    mine = pipeline_fingerprint(model)
    theirs = client.run(worker_fingerprint, model)
    differing = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != mine)
    if differing:
        raise RuntimeError(f"workers {', '.join(differing)} run another pipeline, model or library version "
                           "than this client; install the same on every machine")


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    paths = iter(paths)
    while batch := list(islice(paths, size)):
        yield batch


def _gathered(client, work: Callable, batch: list[Path], future, max_bytes: int, model) -> list[Outcome]:
    """A batch's Outcomes; a batch that killed its workers again and again runs file by file."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        pass
    outcomes = []
    for path in batch:
        try:
            outcomes += client.submit(work, [str(path.absolute())], max_bytes, model, pure=False).result()
        except KilledWorker as error:
            outcomes.append(Broken(type(error).__name__, f"{type(error).__name__}: {error}\n", read=False))
    return outcomes


def dask_outcomes(files: Iterable[Path], *, scheduler: str | None = None, n_workers: int = 1,
                  max_bytes: int = DEFAULT_MAX_BYTES, model=None, batch_files: int = BATCH_FILES,
                  work: Callable | None = None) -> Iterator[Outcome]:
    """One Outcome per file, in order, the files run on a Dask cluster (work: what a task
    runs on a batch of paths, extract_batch unless given)."""
    work = work or extract_batch
    model = str(Path(model).absolute()) if model else None
    client, cluster = _client(scheduler, n_workers)
    try:
        _check_workers(client, model)
        window = TASKS_PER_WORKER * max(1, sum(client.nthreads().values()))
        in_flight: deque = deque()
        for batch in _batches(files, batch_files):
            future = client.submit(work, [str(path.absolute()) for path in batch], max_bytes, model, pure=False)
            in_flight.append((batch, future))
            if len(in_flight) >= window:
                yield from _gathered(client, work, *in_flight.popleft(), max_bytes, model)
        while in_flight:
            yield from _gathered(client, work, *in_flight.popleft(), max_bytes, model)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
