"""Boards: the paged list, a board's page (plans, members over time, settings, calendar link)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("boards", __name__)
