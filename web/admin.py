"""Admins manage people: a paged list, new users, role and boards, password resets, deactivation."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from lifecycle import services
from lifecycle.access import ADMINISTER, ROLES
from lifecycle.errors import InvalidInput
from lifecycle.schemas.people import NewUserSchema, PasswordSchema, UserRoleSchema
from lifecycle.services import access, people
from web.forms import Form
from web.session import actor, require, uow

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _admins_only():
    require(ADMINISTER)


def _boards() -> list[dict]:
    return services.list_boards(uow())


@bp.route("/users")
def users():
    """Every user, a page at a time."""
    page = request.args.get("page", "1")
    found = people.page_users(uow(), int(page) if page.isdigit() else 1)
    names = {b["id"]: b["name"] for b in _boards()}
    return render_template("admin/users.html", found=found, board_names=names)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create a user who signs in with the password given here."""
    if request.method == "GET":
        form = Form(NewUserSchema())
    else:
        form = Form.submitted(NewUserSchema())
        created = form.submit(access.create_user, uow(), actor(), **form.data)
        if form.ok:
            flash(f"User {created['name']} has been created.", "success")
            return redirect(url_for(".user", user_id=created["id"]))
    return render_template("admin/new_user.html", form=form, roles=ROLES, boards=_boards()), \
        400 if form.was_submitted else 200


def _user_page(user_id: int, role_form: Form | None = None, password_form: Form | None = None,
               status: int = 200):
    user = people.get_user(uow(), user_id)
    role_form = role_form or Form(UserRoleSchema(), {"role": user["role"],
                                                     "board_ids": user["board_ids"]})
    return render_template("admin/user.html", user=user, roles=ROLES, boards=_boards(),
                           role_form=role_form,
                           password_form=password_form or Form(PasswordSchema())), status


@bp.route("/users/<int:user_id>")
def user(user_id: int):
    """One user: change role and boards, reset password, deactivate or reactivate."""
    return _user_page(user_id)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def change_role(user_id: int):
    """Change the user's role and boards."""
    form = Form.submitted(UserRoleSchema())
    form.submit(people.update_user, uow(), actor(), user_id, **form.data)
    if not form.ok:
        return _user_page(user_id, role_form=form, status=400)
    flash("Role and boards have been saved.", "success")
    return redirect(url_for(".user", user_id=user_id))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
def reset_password(user_id: int):
    """Set a new password for the user (tell them by a safe route); their sessions end."""
    form = Form.submitted(PasswordSchema())
    form.submit(people.set_password, uow(), actor(), user_id, form.data.get("password"))
    if not form.ok:
        return _user_page(user_id, password_form=form, status=400)
    flash("The password has been reset. The user's sessions have been signed out.", "success")
    return redirect(url_for(".user", user_id=user_id))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def set_active(user_id: int):
    """Deactivate (no sign-in, no tokens) or reactivate the user."""
    active = request.form.get("active") == "yes"
    try:
        people.set_active(uow(), actor(), user_id, active)
    except InvalidInput as err:
        flash(err.message, "error")
        return redirect(url_for(".user", user_id=user_id))
    flash("The user has been reactivated." if active else
          "The user has been deactivated: they cannot sign in or use their tokens.", "success")
    return redirect(url_for(".user", user_id=user_id))
