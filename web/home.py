"""``/``: the dashboard, where a signed-in person starts: their boards and plans, most
pressing first, each plan's next obligation with its deadline, citation and countdown."""
from __future__ import annotations

from flask import Blueprint, render_template

from lifecycle import services
from web.paging import page_number, pagination
from web.session import person, uow

bp = Blueprint("home", __name__)

HOME = "web.home.index"  # the page ``/`` is
PER_PAGE = 20


@bp.route("/")
def index():
    """The dashboard: one page of the person's boards, overdue first, then soonest due."""
    found = services.dashboard(uow(), person(), page_number(), PER_PAGE)
    return render_template("home/index.html", found=found,
                           paging=pagination(".index", found["page"], found["pages"]))
