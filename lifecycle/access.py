"""Who may do what: users, their API tokens, and the role rules every entrypoint applies.

Roles (issue 3, docs/rules.md "Actors and things"):

- ``admin``: everything, on every board.
- ``coordinator``: per board; reads it and changes its plans and its membership.
- ``member``: per board; reads it and records consultation responses.
- ``auditor``: reads every board and the audit log; changes nothing.

A user who may not see a board is told it does not exist (never that it is
forbidden), so the rules below separate *seeing* a board from *acting* on it.
"""
from __future__ import annotations

from dataclasses import dataclass

ADMIN, COORDINATOR, MEMBER, AUDITOR = "admin", "coordinator", "member", "auditor"
ROLES = (ADMIN, COORDINATOR, MEMBER, AUDITOR)

# Actions a route may require.
READ = "read"            # see a board and its plans
CHANGE = "change"        # change a board's plans and its membership
RESPOND = "respond"      # record a consultation response on a board's plan
ADMINISTER = "administer"  # create boards, change a board's settings and rulebook
AUDIT = "audit"          # read and verify the audit log
ACTIONS = (READ, CHANGE, RESPOND, ADMINISTER, AUDIT)

# What RESPOND alone allows on a consultee: its response, never its name or invitation dates.
RESPONSE_FIELDS = frozenset({"responded_on", "declined", "summary"})

_ALLOWED = {
    ADMIN: set(ACTIONS),
    COORDINATOR: {READ, CHANGE, RESPOND},
    MEMBER: {READ, RESPOND},
    AUDITOR: {READ, AUDIT},
}
_SEE_ALL = {ADMIN, AUDITOR}


@dataclass(frozen=True)
class Caller:
    """Who is asking, as every entrypoint hands it to the rules below: an authenticated user,
    their role and the boards they belong to."""

    id: int
    name: str
    role: str
    board_ids: frozenset[int] = frozenset()


def boards_of(user: Caller) -> set[int] | None:
    """The ids of the boards ``user`` may see, or ``None`` for every board."""
    if user.role in _SEE_ALL:
        return None
    return set(user.board_ids)


def sees_board(user: Caller, board_id: int) -> bool:
    """Whether the board exists for this user (if not, it must answer 404)."""
    visible = boards_of(user)
    return visible is None or board_id in visible


def may(user: Caller, action: str, board_id: int | None = None) -> bool:
    """Whether ``user`` may do ``action`` (on ``board_id`` when the action concerns a board)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if board_id is not None and not sees_board(user, board_id):
        return False
    return action in _ALLOWED[user.role]


def consultee_fields(user: Caller, board_id: int) -> frozenset[str] | None:
    """The consultee fields ``user`` may change on ``board_id`` (``None``: every field)."""
    return None if may(user, CHANGE, board_id) else RESPONSE_FIELDS

