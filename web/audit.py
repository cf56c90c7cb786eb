"""The audit log for auditors and admins: filters, paging, CSV export, chain verification."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("audit", __name__)
