"""What the walk-through's lists and review read of it, so that they can take the
walk-through without importing the module that makes it (which imports them)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from motiongen.catalogue import Catalogue
from motiongen.cli.new.ask import Asker
from motiongen.cli.new.drafting import Draft
from motiongen.profiles import Profile, ProfileSet


class Walk(Protocol):
    draft: Draft
    catalogue: Catalogue
    profiles: ProfileSet
    ask: Asker
    today: dt.date
    cutting: bool

    @property
    def answers(self) -> dict[str, Any]: ...

    def profile(self) -> Profile: ...

    def steps(self) -> list[str]: ...
