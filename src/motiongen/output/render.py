"""Markdown and plain text through jinja2 templates.

Templates are looked up in the user's folder first, then the packaged ones;
``default:motion.md.j2`` names the packaged template so a user's template can
extend it. Every template runs sandboxed, with undefined names as errors.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from motiongen.errors import InputError
from motiongen.motion.compose import Document
from motiongen.output import layout, sentences
from motiongen.paths import data_dir
from motiongen.text import md_escape

# A template is the user's own code: the sandbox stops it reaching into Python,
# and these budgets stop it running for ever or filling the memory.
SECONDS = 10
MAX_CHARS = 2_000_000  # of output, or of any one string or list a template makes
MAX_STEPS = 1_000_000  # steps of range() loops, over the whole template


class TemplateBudget(Exception):
    """A template went over its time or size budget."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.until = time.monotonic() + SECONDS

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateBudget(f"its loops ran more than {MAX_STEPS:,} steps")
        if self.steps % 1000 == 0:
            self.in_time()

    def in_time(self) -> None:
        if time.monotonic() > self.until:
            raise TemplateBudget(f"it ran for more than {SECONDS} seconds")


_BUDGET = threading.local()


def _budget() -> _Budget:
    budget = getattr(_BUDGET, "current", None)
    if budget is None:
        budget = _BUDGET.current = _Budget()
    return budget


def _range(*args: int) -> Iterator[int]:
    """range() for templates: counted, so nested loops cannot run for ever."""
    numbers = range(*args)
    if len(numbers) > MAX_STEPS:
        raise TemplateBudget(f"range() of {len(numbers):,} numbers is more than {MAX_STEPS:,}")
    budget = _budget()
    for number in numbers:
        budget.tick()
        yield number


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _make_sandbox() -> Any:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """The jinja2 sandbox, with '*' and '**' kept within the size budget."""

        intercepted_binops = frozenset({"*", "**"})
        safe_attributes: dict[tuple[type, str], bool] = {}  # noqa: RUF012 (by type and name)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            big = isinstance(right, int) and abs(right) > 64
            if operator == "**" and big and isinstance(left, int) and abs(left) > 1:
                raise TemplateBudget(f"{left} ** {right} is too large a number")
            if operator == "*":
                count = right if isinstance(right, int) else left if isinstance(left, int) else 1
                if (_size(left) or _size(right)) * max(count, 0) > MAX_CHARS:
                    raise TemplateBudget(f"it makes a text or list longer than {MAX_CHARS:,}")
            return super().call_binop(context, operator, left, right)

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            """jinja2's answer, remembered: it depends only on the object's type and
            the name, and asking it again for every attribute a template reads was a
            third of rendering a motion. An object that names a class other than
            its own is asked every time."""
            kind = type(obj)
            if obj.__class__ is not kind:
                return bool(super().is_safe_attribute(obj, attr, value))
            key = (kind, attr)
            safe = self.safe_attributes.get(key)
            if safe is None:
                safe = self.safe_attributes[key] = bool(super().is_safe_attribute(obj, attr, value))
            return safe

    return Sandbox


@contextlib.contextmanager
def _deadline() -> Iterator[None]:
    """A clock for templates that loop without range(): an alarm, where there is one."""
    _BUDGET.current = _Budget()
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if usable and signal.getitimer(signal.ITIMER_REAL)[0] == 0:

        def expired(signum: int, frame: Any) -> None:
            raise TemplateBudget(f"it ran for more than {SECONDS} seconds")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        if previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _BUDGET.current = None


@cache
def environment(user_dir: str | None = None) -> Any:
    return make_environment(user_dir, packaged_code())


def make_environment(user_dir: str | None, code: Any) -> Any:
    """The sandbox with its loaders: the user's folder, then the packaged templates,
    whose compiled code ``code`` (``packaged_code``) finds or makes."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined

    packaged = FileSystemLoader(str(data_dir("templates")))
    loaders: list[Any] = []
    if user_dir is not None:
        loaders.append(FileSystemLoader(user_dir))
    loaders += [PrefixLoader({"default": packaged}, delimiter=":"), packaged]
    env = _make_sandbox()(
        loader=ChoiceLoader(loaders),
        bytecode_cache=code,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.globals["range"] = _range
    env.filters["underline"] = underline
    return env


def packaged_code(write_to: Path | None = None) -> Any:
    """The packaged templates' compiled code, made ahead with the package's other
    entries (``prebuilt``, into ``write_to``) and read from its ``_prebuilt/``.

    Compiling a template (its patterns, its parse, Python's compile) costs more
    than rendering a motion with it. The code is read only from the package's own
    folder, never from the user's cache folder, which holds data and nothing that
    runs. It is keyed on the template's name among the packaged ones and on the
    package's code (the sandbox and its options shape the compiled code); jinja2
    checks its own version and the template's source. A user's templates are
    compiled as before.
    """
    import hashlib

    from jinja2.bccache import BytecodeCache

    from motiongen.io import cachefiles

    templates = Path(str(data_dir("templates"))).resolve()

    class Code(BytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            if filename is None or Path(filename).resolve().parent != templates:
                return ""  # not a packaged template
            digest = hashlib.sha256(cachefiles.code_key())
            digest.update(Path(filename).name.encode("utf-8"))
            return digest.hexdigest()[:32]

        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key:
                with contextlib.suppress(OSError), open(self._path(bucket.key), "rb") as handle:
                    bucket.load_bytecode(handle)

        def dump_bytecode(self, bucket: Any) -> None:
            if write_to is not None and bucket.key:
                with open(write_to / f"{bucket.key}.jinja", "wb") as handle:
                    bucket.write_bytecode(handle)

        def _path(self, key: str) -> Path:
            return cachefiles.PREBUILT / f"{key}.jinja"

    return Code()


def underline(text: Any, char: str = "=") -> str:
    """A setext heading in plain text: the line, then a rule as long as it."""
    line = str(text)
    return f"{line}\n{char * max(3, len(line))}"


def render(
    doc: Document,
    fmt: str,
    *,
    template_dir: str | Path | None = None,
    submission_copy: bool = False,
    line_width: int | None = None,
) -> str:
    """The motion in a text format (``md``, ``txt``), through ``motion.<fmt>.j2``.

    Templates get ``doc`` (the composed motion) and ``text`` (the document's own
    words, see sentences.py), and have a block for each part. With
    ``line_width``, the motion's text is in numbered lines of that many
    characters at most, as ``numbered_lines``.
    """
    words = sentences.words_for(doc, template_dir, submission_copy=submission_copy)
    return _render(
        f"motion.{fmt}.j2",
        template_dir,
        doc=doc,
        text=words,
        submission_copy=submission_copy,
        numbered_list=doc.profile.number_format in ("1.", "1)"),
        numbered_lines=(
            layout.text(layout.numbered_lines(doc, line_width)) if line_width else None
        ),
    )


def render_paper(paper: Any, fmt: str, *, template_dir: str | Path | None = None) -> str:
    """A document that is not a motion (``output.paper``), through ``paper.<fmt>.j2``."""
    return _render(f"paper.{fmt}.j2", template_dir, paper=paper)


def _render(name: str, template_dir: str | Path | None, **context: Any) -> str:
    """A template run in the sandbox, on its budget; every fault one line naming it."""
    from jinja2 import TemplateError, TemplateNotFound

    env = environment(str(template_dir) if template_dir is not None else None)
    try:
        template = env.get_template(name)
        with _deadline():
            text = _generate(template, **context)
    except TemplateNotFound as exc:
        raise InputError(f"the template '{exc.name}' was not found", field="--templates") from None
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise InputError(f"the template failed: {exc}", file=where, line=line) from None
    except TemplateBudget as exc:
        raise InputError(
            f"the template was stopped: {exc}",
            file=_template_file(env, name),
            hint="simplify the template; a motion needs no more than a few loops",
        ) from None
    except RecursionError:
        raise InputError(
            "the template was stopped: a macro calls itself without end",
            file=_template_file(env, name),
        ) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as exc:
        # The template is the user's own code: its runtime errors are theirs to fix.
        raise InputError(
            f"the template failed: {type(exc).__name__}: {exc}",
            file=_template_file(env, name),
            line=_template_line(exc),
        ) from None
    return _tidy(text)


def _generate(template: Any, **context: Any) -> str:
    """Render piece by piece, so the output's size and time are watched as it grows."""
    parts: list[str] = []
    size = 0
    budget = _budget()
    for part in template.generate(**context):
        size += len(part)
        if size > MAX_CHARS:
            raise TemplateBudget(f"it wrote more than {MAX_CHARS:,} characters")
        budget.in_time()
        parts.append(part)
    return "".join(parts)


def _template_file(env: Any, name: str) -> str:
    try:
        return str(env.get_template(name).filename or name)
    except Exception:
        return name


def _template_line(exc: BaseException) -> int | None:
    """The template line where a runtime error happened, from jinja2's traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one newline at the end."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
