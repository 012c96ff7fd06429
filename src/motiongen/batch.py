"""Spec files to documents, one motion or hundreds.

Every name the batch would write is checked before any motion is written;
each motion's files are then written as one set (``output.motion``). One bad
motion stops none of the others. Large batches with Word output use both cores.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motiongen import signals
from motiongen.catalogue import Catalogue
from motiongen.errors import MotiongenError
from motiongen.io.files import DiskFull, Namer, check_folder
from motiongen.motion import spec
from motiongen.motion.compose import Document
from motiongen.output.fileset import already_there, taken
from motiongen.output.motion import FileOptions, MotionWriter, Rendered, shared_writer
from motiongen.output.pdf import pdfs
from motiongen.prepare import Result, prepare, unexpected
from motiongen.profiles import ProfileSet

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PARALLEL_FROM = 40  # motions; below this, starting a second process costs more than it saves
PDF_CHUNK = 40  # motions made into PDFs in one LibreOffice run


@dataclass(frozen=True)
class Options(FileOptions):
    """A build's files, and how the batch is run."""

    profile: str | None = None  # re-frame every motion for this body instead of its own
    workers: int | None = None  # None: both cores for a large Word batch


def write(writer: MotionWriter, result: Result, stem: str, inputs: Sequence[str | Path]) -> None:
    """Write a prepared motion's files as one set; a failure is kept on the result."""
    assert result.document is not None
    try:
        result.files = writer.file_set(
            writer.rendered(result.document, stem), inputs=inputs
        ).write()
    except MotiongenError as exc:
        result.error = exc
    except Exception as exc:  # the batch rule: one motion's fault stops no other
        result.error = unexpected(exc)


def build(
    paths: Sequence[str | Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    options: Options,
    *,
    merge: str | Path | None = None,
    on_result: Callable[[Result], None] | None = None,
    on_jobs: Callable[[int], None] | None = None,
) -> tuple[list[Result], list[MotiongenError]]:
    """Build every motion the spec files describe.

    Returns the per-motion results and the files that could not be used at all.
    A file in the way of any motion, without ``force``, stops the build before
    anything is written.
    """
    jobs, unusable = spec.read_jobs(paths, merge, profile=options.profile)
    if jobs:
        check_folder(options.out_dir)  # one clear error, not one for every motion
    writer = shared_writer(options)  # a bad --reference-docx is one error now
    namer = Namer()
    stems = [namer.stem(_wanted_name(job)) for job in jobs]
    if not options.force:
        in_the_way = taken(path for stem in stems for path in writer.names(stem))
        if in_the_way:
            raise already_there(in_the_way)
    inputs = [*paths, *([merge] if merge is not None else [])]
    if on_jobs is not None:
        on_jobs(len(jobs))
    if "pdf" in options.formats:
        results = _with_pdfs(jobs, stems, catalogue, profiles, writer, inputs)
        if on_result is not None:
            for result in results:
                on_result(result)
        return results, unusable
    results = []
    for result in _run(jobs, stems, catalogue, profiles, writer, inputs):
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results, unusable


def _wanted_name(job: spec.Job) -> str:
    motion = job.motion
    if motion is None:
        return "motion"
    return motion.file_name()


def _run(
    jobs: list[spec.Job],
    stems: list[str],
    catalogue: Catalogue,
    profiles: ProfileSet,
    writer: MotionWriter,
    inputs: Sequence[str | Path],
    *,
    render_only: bool = False,
) -> Iterator[Result]:
    """Compose and check here; render and write here, or in two processes for a large
    batch. With ``render_only``, each result's documents are kept as bytes
    (``result.rendered``) for PDFs to be made from, and nothing is written."""
    workers = writer.options.workers if isinstance(writer.options, Options) else None
    if workers is None:
        wants_word = bool({"docx", "pdf"} & set(writer.options.formats))
        workers = min(2, os.cpu_count() or 1) if wants_word and len(jobs) >= PARALLEL_FROM else 1
    if workers > 1:
        yield from _run_parallel(
            jobs, stems, catalogue, profiles, writer, inputs, workers, render_only
        )
        return
    full = False
    for job, stem in zip(jobs, stems, strict=True):
        result = prepare(job, catalogue, profiles)
        if result.document is not None:
            if full:
                result.error = _not_written()
            elif render_only:
                _render(writer, result, stem)
            else:
                write(writer, result, stem, inputs)
                full = isinstance(result.error, DiskFull)
        yield result


def _render(writer: MotionWriter, result: Result, stem: str) -> None:
    assert result.document is not None
    try:
        result.rendered = writer.rendered(result.document, stem)
    except MotiongenError as exc:
        result.error = exc
    except Exception as exc:  # the batch rule: one motion's fault stops no other
        result.error = unexpected(exc)


def _with_pdfs(
    jobs: list[spec.Job],
    stems: list[str],
    catalogue: Catalogue,
    profiles: ProfileSet,
    writer: MotionWriter,
    inputs: Sequence[str | Path],
) -> list[Result]:
    """Render every motion, make their PDFs a few dozen at a time, then write each
    motion's files, PDF included, as one set."""
    results = list(_run(jobs, stems, catalogue, profiles, writer, inputs, render_only=True))
    ready = [r for r in results if r.rendered is not None and r.error is None]
    full = False
    for start in range(0, len(ready), PDF_CHUNK):
        chunk = ready[start : start + PDF_CHUNK]
        made = pdfs([r.rendered.data["docx"] for r in chunk if r.rendered is not None])
        for result, pdf in zip(chunk, made, strict=True):
            assert result.rendered is not None
            if full:
                result.error = _not_written()
                continue
            if pdf is None:
                result.error = MotiongenError(
                    "LibreOffice could not turn this motion into a PDF",
                    hint="try --format docx and save it as PDF from Word or LibreOffice",
                )
                continue
            try:
                result.files = writer.file_set(result.rendered, pdf, inputs=inputs).write()
            except MotiongenError as exc:
                result.error = exc
                full = isinstance(exc, DiskFull)
            result.rendered = None
    return results


CHUNK = 8  # motions a worker is handed at a time: small, so neither waits long at the end


def _run_parallel(
    jobs: list[spec.Job],
    stems: list[str],
    catalogue: Catalogue,
    profiles: ProfileSet,
    writer: MotionWriter,
    inputs: Sequence[str | Path],
    workers: int,
    render_only: bool,
) -> Iterator[Result]:
    """Compose and check here while the workers render and write what is ready.

    Motions go to the workers a few at a time as soon as they are composed, so
    composing overlaps writing, and each result is reported as soon as it and
    every one before it are done, so progress moves while motions are still
    being composed. Results come in the spec's order.
    """
    # Here, not at the top: one motion, the usual case, needs no second process,
    # and concurrent.futures with multiprocessing costs start-up time.
    from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The writer goes to the workers as it is: its Word base document is made once.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(writer,))
    slots: list[tuple[Result, int | None]] = []  # each result, and the chunk writing it
    chunks: list[Future[Any]] = []  # the workers' chunks, in order
    stopped: MotiongenError | None = None  # what every motion left over is told
    full = False
    outcomes: list[Outcome] = []
    current = -1  # the chunk whose outcomes are being handed out
    reported = 0  # slots already yielded

    def hand_over(todo: list[tuple[Document, str]]) -> None:
        never: Future[Any] = Future()  # a chunk not handed over, reported as the pool would
        if full or stopped is not None:
            never.cancel()  # the disk is full (the pool is shut down): the rest is not tried
            chunks.append(never)
            return
        try:
            chunks.append(pool.submit(_worker_write, todo, inputs, render_only))
        except BrokenProcessPool as exc:  # a worker was killed while this one composed
            never.set_exception(exc)
            chunks.append(never)

    def settle(wait: bool) -> Iterator[Result]:
        """The results that are ready, in order; with ``wait``, all of them."""
        nonlocal stopped, full, outcomes, current, reported
        while reported < len(slots):
            result, number = slots[reported]
            if number is not None and number != current and stopped is None:
                if number >= len(chunks) or not (wait or chunks[number].done()):
                    return  # its chunk is still being filled, or is still being written
                current = number
                # Work already handed to a worker still finishes and is
                # reported as it went; what was never started is cancelled.
                try:
                    outcomes = chunks[number].result()
                except CancelledError:
                    stopped = _not_written()
                except BrokenProcessPool:
                    # A worker was killed (by the system, or by a signal sent to
                    # the whole group, which this process handles next).
                    stopped = MotiongenError(
                        "not written: the process writing it was stopped",
                        hint="build again; the motions reported as written are complete",
                    )
            if number is not None:
                if stopped is not None:
                    result.error = stopped
                else:
                    result.files, result.error, result.rendered = outcomes.pop(0)
                    if isinstance(result.error, DiskFull) and not full:
                        full = True
                        pool.shutdown(wait=False, cancel_futures=True)
            reported += 1
            yield result

    try:
        todo: list[tuple[Document, str]] = []
        for job, stem in zip(jobs, stems, strict=True):
            result = prepare(job, catalogue, profiles)
            if result.document is None:
                slots.append((result, None))
            else:
                slots.append((result, len(chunks)))
                todo.append((result.document, stem))
                if len(todo) == CHUNK:
                    hand_over(todo)
                    todo = []
            yield from settle(wait=False)
        if todo:
            hand_over(todo)
        yield from settle(wait=True)
    except BaseException:
        _stop(pool)  # Ctrl-C, SIGTERM, or the caller gave up: end the workers now
        raise
    pool.shutdown(wait=True)


def _quiet_pool(previous: Any) -> Any:
    """Python 3.11's pool thread may fail to mark a future the pool has already
    cancelled (fixed in 3.12): harmless as we stop, so not shown to the user."""

    from concurrent.futures import InvalidStateError

    def hook(args: Any) -> None:
        if args.exc_type is InvalidStateError:
            return
        previous(args)

    return hook


class NotTried(DiskFull):
    """A motion not tried because the disk filled up before its turn."""


def _not_written() -> NotTried:
    return NotTried(
        "not written: the disk filled up before this motion",
        hint="free some space, then build again",
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers at once: each removes its half-written file as it goes."""
    threading.excepthook = _quiet_pool(threading.excepthook)
    # Work still queued for the workers would keep this process waiting at exit
    # for a pipe nobody reads any more: drop it instead.
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
    pool.shutdown(wait=True)  # no cancelling here: the broken pool fails what is left


_WORKER: dict[str, MotionWriter] = {}
Outcome = tuple[list[Path], MotiongenError | None, Rendered | None]


def _worker_start(writer: MotionWriter) -> None:
    signals.die_with_parent()
    signals.install_in_worker()
    _WORKER["writer"] = writer


def _worker_write(
    todo: list[tuple[Document, str]], inputs: Sequence[str | Path], render_only: bool
) -> list[Outcome]:
    """Write a few motions; only the file names and errors go back, not the documents
    (with ``render_only``, their bytes, for PDFs to be made from)."""
    done: list[Outcome] = []
    for document, stem in todo:
        result = Result(label=stem, document=document)
        if render_only:
            _render(_WORKER["writer"], result, stem)
        else:
            write(_WORKER["writer"], result, stem, inputs)
        done.append((result.files, result.error, result.rendered))
    return done
