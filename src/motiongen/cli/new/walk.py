"""What the walk-through's lists and review read of the walk-through.

They take it by this Protocol, not by importing the module that makes it (which
imports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # types only: the Protocol is read by type checkers, not at run time
    import datetime as dt

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
