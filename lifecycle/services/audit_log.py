"""Use cases on the audit log itself."""
from __future__ import annotations

from dataclasses import asdict

from lifecycle import audit
from lifecycle.db.uow import UnitOfWork


def verify_audit_log(uow: UnitOfWork) -> dict:
    """Whether the hash chain is intact and, if not, the first bad record and why."""
    with uow:
        return asdict(audit.verify(uow.session))
