"""A plan's records: the reg 4 checklist, the reg 7 consultees, approval and reg 6 publication, reviews and reg 8(4) changes."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("records", __name__)
