"""The signed-in person's in-app notifications."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("notifications", __name__)
