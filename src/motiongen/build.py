"""Spec files to documents, one motion or hundreds; write_one is the one way a motion is written.

One bad motion stops none of the others. Large batches with Word output use
both cores.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motiongen import signals
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError, MotiongenError
from motiongen.io.files import DiskFull, FileExists, Namer, check_folder, safe_name, write_atomic
from motiongen.motion import spec
from motiongen.motion.compose import Document
from motiongen.output import FORMATS, lines, render
from motiongen.output.pdf import convert, soffice
from motiongen.prepare import Result, prepare, unexpected
from motiongen.profiles import ProfileSet

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

TEXT_FORMATS = ("md", "txt")
PARALLEL_FROM = 40  # motions; below this, starting a second process costs more than it saves


@dataclass(frozen=True)
class Options:
    formats: Sequence[str] = ("md", "txt")
    out_dir: Path = Path(".")
    force: bool = False
    template_dir: Path | None = None
    reference_docx: Path | None = None
    line_numbers: bool = False
    submission_copy: bool = False  # the motion alone: no word count, no sources
    line_width: int | None = None  # characters a numbered line; None: the profile's, or 80
    profile: str | None = None  # re-frame every motion for this body instead of its own
    workers: int | None = None  # None: both cores for a large Word batch


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    if not formats:
        raise InputError("no format given", field="--format", hint="for example --format md,docx")
    for fmt in formats:
        if fmt not in FORMATS:
            raise InputError(
                f"'{fmt}' is not a format motiongen writes",
                field="--format",
                hint="choose from " + ", ".join(FORMATS),
            )
    if "pdf" in formats:
        soffice()
    return list(dict.fromkeys(formats))


class Writer:
    """Renders and writes every format of one motion; holds the Word base document."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._word: Any = None

    def word(self) -> Any:
        if self._word is None:
            # Here, not at the top: python-docx and lxml cost start-up time that
            # a check, or a build of text formats only, never needs.
            from motiongen.output.word import WordOptions, WordWriter

            self._word = WordWriter(
                WordOptions(
                    reference=self.options.reference_docx,
                    line_numbers=self.options.line_numbers,
                    line_width=self.options.line_width,
                    template_dir=self.options.template_dir,
                    submission_copy=self.options.submission_copy,
                )
            )
        return self._word

    def line_width(self, document: Document, fmt: str) -> int | None:
        """Plain text is laid out in numbered lines when Word's lines are numbered."""
        if fmt != "txt" or not self.options.line_numbers:
            return None
        return lines.width_for(document, self.options.line_width)

    def write(self, result: Result, stem: str, pdf_dir: Path | None) -> None:
        """Write the documents of a prepared motion; a failure is kept on the result."""
        assert result.document is not None
        options = self.options
        try:
            for fmt in options.formats:
                if fmt == "pdf":
                    continue
                path = safe_name(options.out_dir, stem, fmt)
                if fmt == "docx":
                    data = self.word().render(result.document)
                else:
                    text = render.render(
                        result.document,
                        fmt,
                        template_dir=options.template_dir,
                        submission_copy=options.submission_copy,
                        line_width=self.line_width(result.document, fmt),
                    )
                    data = text.encode("utf-8")
                write_atomic(path, data, force=options.force, durable=False)
                result.files.append(path)
            if pdf_dir is not None:
                target = safe_name(options.out_dir, stem, "pdf")
                if os.path.lexists(target) and not options.force:
                    raise FileExists(
                        "a file of this name is already there",
                        file=target,
                        hint="add --force to replace it, or choose another --out-dir",
                    )
                source = pdf_dir / f"{stem}.docx"
                write_atomic(source, self.word().render(result.document), force=True, durable=False)
        except MotiongenError as exc:
            result.error = exc
        except Exception as exc:  # the batch rule: one motion's fault stops no other
            result.error = unexpected(exc)


def write_one(
    result: Result, stem: str, options: Options, *, writer: Writer | None = None
) -> Result:
    """Write one prepared motion to every chosen format, PDF included.

    The one way a motion becomes files, for ``new``, ``build`` and every other
    command: each file is written atomically, none is replaced without ``force``,
    and a failure is kept on the result rather than raised.
    """
    if result.document is None:
        return result
    writer = writer or Writer(options)
    with tempfile.TemporaryDirectory(prefix="motiongen-pdf-") as tmp:
        pdf_dir = Path(tmp) if "pdf" in options.formats else None
        writer.write(result, stem, pdf_dir)
        if pdf_dir is not None and result.error is None:
            _make_pdfs([result], [stem], options, pdf_dir)
    return result


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
    """
    jobs, unusable = spec.read_jobs(paths, merge, profile=options.profile)
    if jobs:
        check_folder(options.out_dir)  # one clear error, not one for every motion
    writer = Writer(options)
    if {"docx", "pdf"} & set(options.formats):
        writer.word()  # a bad --reference-docx is one error now, not one per motion
    if on_jobs is not None:
        on_jobs(len(jobs))
    namer = Namer()
    stems = [namer.stem(_wanted_name(job)) for job in jobs]
    with tempfile.TemporaryDirectory(prefix="motiongen-pdf-") as tmp:
        pdf_dir = Path(tmp) if "pdf" in options.formats else None
        results = []
        for result in _run(jobs, stems, catalogue, profiles, writer, pdf_dir):
            results.append(result)
            if on_result is not None and pdf_dir is None:
                on_result(result)
        if pdf_dir is not None:
            _make_pdfs(results, stems, options, pdf_dir)
            if on_result is not None:
                for result in results:
                    on_result(result)
    return results, unusable


def _wanted_name(job: spec.Job) -> str:
    motion = job.motion
    if motion is None:
        return "motion"
    return motion.output or " ".join(p for p in (motion.submitted_by, motion.title) if p)


def _run(
    jobs: list[spec.Job],
    stems: list[str],
    catalogue: Catalogue,
    profiles: ProfileSet,
    writer: Writer,
    pdf_dir: Path | None,
) -> Iterator[Result]:
    """Compose and check here; render and write here, or in two processes for a large batch."""
    options = writer.options
    workers = options.workers
    if workers is None:
        wants_word = bool({"docx", "pdf"} & set(options.formats))
        workers = min(2, os.cpu_count() or 1) if wants_word and len(jobs) >= PARALLEL_FROM else 1
    if workers > 1:
        yield from _run_parallel(jobs, stems, catalogue, profiles, writer, pdf_dir, workers)
        return
    full = False
    for job, stem in zip(jobs, stems, strict=True):
        result = prepare(job, catalogue, profiles)
        if result.document is not None:
            if full:
                result.error = _not_written()
            else:
                writer.write(result, stem, pdf_dir)
                full = isinstance(result.error, DiskFull)
        yield result


CHUNK = 8  # motions a worker is handed at a time: small, so neither waits long at the end


def _run_parallel(
    jobs: list[spec.Job],
    stems: list[str],
    catalogue: Catalogue,
    profiles: ProfileSet,
    writer: Writer,
    pdf_dir: Path | None,
    workers: int,
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
    outcomes: list[tuple[list[Path], MotiongenError | None]] = []
    current = -1  # the chunk whose outcomes are being handed out
    reported = 0  # slots already yielded

    def hand_over(todo: list[tuple[Document, str]]) -> None:
        never: Future[Any] = Future()  # a chunk not handed over, reported as the pool would
        if full or stopped is not None:
            never.cancel()  # the disk is full (the pool is shut down): the rest is not tried
            chunks.append(never)
            return
        try:
            chunks.append(pool.submit(_worker_write, todo, pdf_dir))
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
                    result.files, result.error = outcomes.pop(0)
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


_WORKER: dict[str, Writer] = {}


def _worker_start(writer: Writer) -> None:
    signals.die_with_parent()
    signals.install_in_worker()
    _WORKER["writer"] = writer


def _worker_write(
    todo: list[tuple[Document, str]], pdf_dir: Path | None
) -> list[tuple[list[Path], MotiongenError | None]]:
    """Write a few motions; only the file names and errors go back, not the documents."""
    done = []
    for document, stem in todo:
        result = Result(label=stem, document=document)
        _WORKER["writer"].write(result, stem, pdf_dir)
        done.append((result.files, result.error))
    return done


def _make_pdfs(results: list[Result], stems: list[str], options: Options, pdf_dir: Path) -> None:

    pending = [
        (result, pdf_dir / f"{stem}.docx")
        for result, stem in zip(results, stems, strict=True)
        if result.error is None and (pdf_dir / f"{stem}.docx").is_file()
    ]
    made = convert([source for _, source in pending], pdf_dir)
    for result, source in pending:
        pdf = made.get(source)
        if pdf is None:
            result.error = MotiongenError(
                "LibreOffice could not turn this motion into a PDF",
                hint="try --format docx and save it as PDF from Word or LibreOffice",
            )
            continue
        target = safe_name(options.out_dir, source.stem, "pdf")
        try:
            write_atomic(target, pdf.read_bytes(), force=options.force, durable=False)
            result.files.append(target)
        except MotiongenError as exc:
            result.error = exc
