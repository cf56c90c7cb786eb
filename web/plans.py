"""A plan's page: next action, lifecycle diagram, events with their dry-run checks, obligations, reminders, audit trail."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("plans", __name__)
