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
from motiongen.paths import data_dir

TEMPLATES = {"md": "motion.md.j2", "txt": "motion.txt.j2"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_MD_BULLET = re.compile(r"^(\s*)([-+>=])", re.MULTILINE)


def md_escape(text: Any) -> str:
    """User text shown literally in Markdown: no emphasis, links, headings or lists."""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    out = _MD_LINE_START.sub(r"\1\2\\\3", out)
    return _MD_BULLET.sub(r"\1\\\2", out)


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
    return env


def meta(doc: Document) -> list[tuple[str, str]]:
    rows = [
        ("Submitted by", doc.submitted_by),
        ("To", doc.to),
        ("Policy commission", doc.commission if _names_a_commission(doc) else None),
        ("Meeting", doc.meeting_date),
        ("Deadline", doc.deadline),
    ]
    return [(label, value) for label, value in rows if value]


def _names_a_commission(doc: Document) -> bool:
    """Only a body whose profile asks for a commission shows one (the NPF)."""
    return "commission" in doc.profile.required or doc.profile.defaults.commission is not None


def people(doc: Document) -> list[tuple[str, str]]:
    rows = [("Proposer", doc.proposer), ("Seconder", doc.seconder)]
    return [(label, value) for label, value in rows if value]


def render(doc: Document, fmt: str, *, template_dir: str | Path | None = None) -> str:
    """The document as Markdown (``md``) or plain text (``txt``)."""
    from jinja2 import TemplateError, TemplateNotFound

    env = environment(str(template_dir) if template_dir is not None else None)
    name = TEMPLATES[fmt]
    try:
        template = env.get_template(name)
        text = template.render(
            doc=doc,
            meta=meta(doc),
            people=people(doc),
            numbered_list=doc.profile.number_format == "1.",
        )
    except TemplateNotFound as exc:
        raise InputError(f"the template '{exc.name}' was not found", field="--templates") from None
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise InputError(f"the template failed: {exc}", file=where, line=line) from None
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row, and one newline at the end."""
    text = re.sub(r"[ \t]+\n", lambda m: "  \n" if m.group(0).startswith("  ") else "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
