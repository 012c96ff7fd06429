"""Markdown and plain text through jinja2 templates.

Templates are looked up in the user's folder first, then the packaged ones;
``default:motion.md.j2`` names the packaged template so a user's template can
extend it. Every template runs sandboxed, with undefined names as errors.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from motiongen.errors import InputError
from motiongen.motion.compose import Document
from motiongen.output import lines, sentences
from motiongen.paths import data_dir
from motiongen.text import md_escape

TEMPLATES = {"md": "motion.md.j2", "txt": "motion.txt.j2"}


@cache
def environment(user_dir: str | None = None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    packaged = FileSystemLoader(str(data_dir("templates")))
    loaders: list[Any] = []
    if user_dir is not None:
        loaders.append(FileSystemLoader(user_dir))
    loaders += [PrefixLoader({"default": packaged}, delimiter=":"), packaged]
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.filters["underline"] = underline
    return env


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
    """The document as Markdown (``md``) or plain text (``txt``).

    Templates get ``doc`` (the composed motion) and ``text`` (the document's own
    words, see sentences.py), and have a block for each part. With
    ``line_width``, the motion's text is in numbered lines of that many
    characters at most, as ``numbered_lines``.
    """
    from jinja2 import TemplateError, TemplateNotFound

    env = environment(str(template_dir) if template_dir is not None else None)
    name = TEMPLATES[fmt]
    words = sentences.words_for(doc, template_dir, submission_copy=submission_copy)
    try:
        template = env.get_template(name)
        text = template.render(
            doc=doc,
            text=words,
            submission_copy=submission_copy,
            numbered_list=doc.profile.number_format in ("1.", "1)"),
            numbered_lines=lines.text(lines.layout(doc, line_width)) if line_width else None,
        )
    except TemplateNotFound as exc:
        raise InputError(f"the template '{exc.name}' was not found", field="--templates") from None
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise InputError(f"the template failed: {exc}", file=where, line=line) from None
    return _tidy(text)


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one newline at the end."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
