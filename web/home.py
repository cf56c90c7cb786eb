"""``/``: where a signed-in person starts. Until there is a dashboard, that is their account."""
from __future__ import annotations

from flask import Blueprint, redirect, url_for

bp = Blueprint("home", __name__)

HOME = "web.account.index"  # the page ``/`` leads to


@bp.route("/")
def index():
    """Send the person to the start page."""
    return redirect(url_for(HOME))
