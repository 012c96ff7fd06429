"""Dates given on the command line, read as every date is, with a hint when one is wrong.

Not in ``cli.boundary``: browsing needs no dates, and reading them needs ``motiongen.text``.
"""

from __future__ import annotations

import datetime as dt

from motiongen.errors import MotiongenError
from motiongen.text import parse_date


def date_option(text: str | None, name: str) -> dt.date | None:
    """A date given on the command line, in any form `parse_date` reads."""
    try:
        return parse_date(text)
    except ValueError as exc:
        hint = "write it as 14/01/2027 or 2027-01-14"
        raise MotiongenError(str(exc), field=name, hint=hint) from None
