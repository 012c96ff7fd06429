"""Dates given on the command line, read as every date is, with a hint when one is wrong.

Not in ``cli.boundary``: browsing needs no dates, and reading them needs ``motiongen.text``.
"""

from __future__ import annotations

import datetime as dt

from motiongen.errors import MotiongenError
from motiongen.text import DATE_FORMS, parse_date


def date_option(text: str | None, name: str) -> dt.date | None:
    """A date given on the command line, in any form `parse_date` reads."""
    try:
        return parse_date(text)
    except ValueError as exc:
        # Most of parse_date's messages already say how to write a date: once is enough.
        hint = None if "write" in str(exc) else f"write it as {DATE_FORMS}"
        raise MotiongenError(str(exc), field=name, hint=hint) from None
