"""Signing in and out (user name and password; rate-limited per address and user name)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from marshmallow import fields

from lifecycle.schemas import StrictSchema
from lifecycle.services import people
from web.forms import Form, Refusal
from web.home import HOME
from web.limits import sign_in_limit
from web.session import SignedIn, public, safe_next, uow

bp = Blueprint("auth", __name__)

WRONG = "The user name or password is not right, or the account is not active."


class SignInSchema(StrictSchema):
    name = fields.String(required=True, error_messages={"required": "Enter your user name."})
    password = fields.String(required=True, error_messages={"required": "Enter your password."})


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@sign_in_limit()
def sign_in():
    """The sign-in page; on success, on to where the person was going."""
    target = safe_next(request.values.get("next"), url_for(HOME))
    if current_user.is_authenticated:
        return redirect(target)
    if request.method == "GET":
        return render_template("auth/sign_in.html", form=Form(SignInSchema()), next=target)
    form = Form.submitted(SignInSchema())
    found = form.submit(people.sign_in, uow(), **form.data)
    if form.valid and found is None:
        form.refusal = Refusal(WRONG)
    if not form.ok:
        return render_template("auth/sign_in.html", form=form, next=target), 400
    login_user(SignedIn(found))
    return redirect(target)


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    """End the session."""
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("web.auth.sign_in"))
