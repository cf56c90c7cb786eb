"""The signed-in person's in-app notifications: reminders of deadlines, unread first."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from lifecycle.services.notifications import (
    mark_all_notifications_read,
    mark_notification_read,
    page_notifications,
)
from web.paging import page_number, pagination
from web.session import person, uow

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

PER_PAGE = 20


@bp.route("/")
def index():
    """One page of your notifications, unread first, newest first."""
    found = page_notifications(uow(), person().id, page_number(), PER_PAGE)
    return render_template("notifications/index.html", found=found,
                           paging=pagination(".index", found["page"], found["pages"]))


@bp.route("/read", methods=["POST"])
def read():
    """Mark one notification read (``notification_id``), or all of them (``all``)."""
    me = person().id
    chosen = request.form.get("notification_id", "")
    if request.form.get("all") == "yes":
        marked = mark_all_notifications_read(uow(), me)
        flash(f"{marked} notification{'' if marked == 1 else 's'} marked as read.", "success")
    elif chosen.isdigit():
        notification = mark_notification_read(uow(), me, int(chosen))
        flash(f"\u201c{notification['subject']}\u201d marked as read.", "success")
    else:
        abort(400)
    return redirect(url_for(".index", page=page_number()))
