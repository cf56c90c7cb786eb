"""Domain errors are values: each says what was wrong and, where the law is the reason, cites it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Requirement:
    """One legal or product requirement, with where it comes from."""

    requirement: str
    citation: str

    def __str__(self) -> str:
        return f"{self.citation}: {self.requirement}"


@dataclass
class Findings:
    """What a guard found: unmet requirements block, warnings do not."""

    unmet: list[Requirement] = field(default_factory=list)
    warnings: list[Requirement] = field(default_factory=list)

    def require(self, ok: bool, requirement: str, citation: str) -> None:
        if not ok:
            self.unmet.append(Requirement(requirement, citation))

    def warn(self, ok: bool, requirement: str, citation: str) -> None:
        if not ok:
            self.warnings.append(Requirement(requirement, citation))

    def extend(self, other: Findings) -> Findings:
        self.unmet.extend(other.unmet)
        self.warnings.extend(other.warnings)
        return self

    @property
    def ok(self) -> bool:
        return not self.unmet


class DomainError(Exception):
    """Base of every error a use case reports to its caller."""

    code = "domain_error"

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(DomainError):
    code = "not_found"


class InvalidInput(DomainError):
    """A value breaks a rule; ``fields`` names each bad field and why."""

    code = "invalid"


class Forbidden(DomainError):
    """The user's role may not make this change (e.g. a Board member renaming a consultee)."""

    code = "forbidden"


class Conflict(DomainError):
    """Someone else changed the record first (optimistic locking)."""

    code = "conflict"

    def __init__(self, message: str, current: dict | None = None):
        super().__init__(message)
        self.current = current or {}


class PreconditionFailed(Conflict):
    """The plan changed since the caller read it: its ``If-Match`` entity tag is not current
    (RFC 9110 13.1.1: the origin answers 412)."""

    code = "precondition_failed"


class EventNotAllowed(DomainError):
    """The event is not a transition out of the plan's current state."""

    code = "event_not_allowed"


class GuardRefused(DomainError):
    """The event is allowed from this state but legal requirements are unmet."""

    code = "requirements_unmet"

    def __init__(self, event: str, findings: Findings):
        lines = "; ".join(str(r) for r in findings.unmet)
        super().__init__(f"{event} refused: {lines}")
        self.event = event
        self.findings = findings
