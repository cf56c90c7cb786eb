"""Calendar links of a board: named, read-only subscribe URLs for its obligations feed."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.schemas.people import TokenNameSchema
from lifecycle.services import calendar_tokens
from web.forms import Form
from web.session import actor, board_for, require, uow

bp = Blueprint("calendar", __name__, url_prefix="/boards/<int:board_id>/calendar")

FEED_PATH = "/api/v1/boards/{board_id}/calendar.ics?token={token}"  # the API's public feed


def feed_urls(board_id: int, token: str) -> dict:
    """The feed's address to paste into a calendar (https or http) and as a webcal link."""
    url = request.host_url.rstrip("/") + FEED_PATH.format(board_id=board_id, token=token)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


def _page(board_id: int, form: Form, issued: dict | None = None, status: int = 200):
    board = services.get_board(uow(), board_id)
    links = calendar_tokens.list_calendar_tokens(uow(), board_id)
    return render_template("calendar/links.html", board=board, links=links, form=form,
                           issued=issued,
                           urls=feed_urls(board_id, issued["token"]) if issued else None), status


@bp.before_request
def _board_coordinators_only():
    board_id = request.view_args["board_id"]
    require(CHANGE, board_for(board_id=board_id))


@bp.route("/")
def links(board_id: int):
    """The board's calendar links and a form to make one."""
    return _page(board_id, Form(TokenNameSchema()))


@bp.route("/", methods=["POST"])
def create(board_id: int):
    """Make a named calendar link and show its address, once."""
    form = Form.submitted(TokenNameSchema())
    issued = form.submit(calendar_tokens.issue_calendar_token, uow(), actor(), board_id,
                         form.data.get("name"))
    if not form.ok:
        return _page(board_id, form, status=400)
    return _page(board_id, Form(TokenNameSchema()), issued)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
def revoke(board_id: int, token_id: int):
    """Revoke a calendar link: calendars using it stop updating."""
    revoked = calendar_tokens.revoke_calendar_token(uow(), actor(), board_id, token_id)
    flash(f"Calendar link \u201c{revoked['name']}\u201d has been revoked.", "success")
    return redirect(url_for(".links", board_id=board_id))
