"""The person's own account: their details, their password, and their API tokens."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_user

from lifecycle import services
from lifecycle.access import CHANGE, boards_of, may
from lifecycle.schemas.people import ChangePasswordSchema, TokenNameSchema
from lifecycle.services import access, people
from web.forms import Form
from web.session import SignedIn, actor, person, uow

bp = Blueprint("account", __name__, url_prefix="/account")


def _index(password_form: Form, status: int = 200):
    me = person()
    boards = services.list_boards(uow(), boards_of(me))
    calendar_boards = [b for b in boards if may(me, CHANGE, b["id"])]
    return render_template("account/index.html", me=current_user.view, boards=boards,
                           calendar_boards=calendar_boards, form=password_form), status


@bp.route("/")
def index():
    """Who you are, your boards, and the form to change your password."""
    return _index(Form(ChangePasswordSchema()))


@bp.route("/password", methods=["POST"])
def change_password():
    """Change your own password; your other sessions end, this one goes on."""
    form = Form.submitted(ChangePasswordSchema())
    view = form.submit(people.change_own_password, uow(), person().id,
                       form.data.get("current_password"), form.data.get("new_password"))
    if not form.ok:
        return _index(form, 400)
    login_user(SignedIn(view))
    flash("Your password has been changed. Other sessions have been signed out.", "success")
    return redirect(url_for(".index"))


def _tokens(form: Form, issued: dict | None = None, status: int = 200):
    tokens = access.list_tokens(uow(), person().id)
    return render_template("account/tokens.html", tokens=tokens, form=form,
                           issued=issued), status


@bp.route("/tokens")
def tokens():
    """Your API tokens: name, when issued, when last used, revoked or not."""
    return _tokens(Form(TokenNameSchema()))


@bp.route("/tokens", methods=["POST"])
def issue_token():
    """Issue a named token and show it, once."""
    form = Form.submitted(TokenNameSchema())
    issued = form.submit(access.issue_token, uow(), actor(), person().name,
                         form.data.get("name"))
    if not form.ok:
        return _tokens(form, status=400)
    return _tokens(Form(TokenNameSchema()), issued)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    """Revoke one of your tokens."""
    revoked = access.revoke_token(uow(), actor(), person().id, token_id)
    flash(f"Token \u201c{revoked['name']}\u201d has been revoked.", "success")
    return redirect(url_for(".tokens"))
