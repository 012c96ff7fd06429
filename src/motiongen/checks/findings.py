"""What a check found: the shape shared by `check`, `build` and `new`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "advice"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "advice": 2}


@dataclass(frozen=True)
class Finding:
    """One problem or piece of advice, with what to do about it."""

    rule: str
    severity: Severity
    message: str
    fix: str
    where: str | None = None  # e.g. "resolves 2", "title", "proposer"
    source: str | None = None
    clause: str | None = None  # the start of the clause concerned, to find it by eye

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self, *, sources: bool = True) -> list[str]:
        """The finding for people: where, what, what to do, and on whose word."""
        where = f" {self.where}" if self.where else ""
        clause = f' "{self.clause}"' if self.clause else ""
        out = [
            f"{self.severity}:{where}{clause}",
            f"    {self.message}",
            f"    what to do: {self.fix}",
        ]
        if sources and self.source:
            out.append(f"    source: {self.source}")
        return out

    def line(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        clause = f' "{self.clause}"' if self.clause else ""
        return f"{self.severity}{where}{clause}: {self.message} ({self.fix})"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
