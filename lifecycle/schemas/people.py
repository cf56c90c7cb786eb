"""Input about people and tokens: users, passwords, token names (API and web pages alike)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from lifecycle.access import ROLES
from lifecycle.passwords import MAX_LENGTH, MIN_LENGTH
from lifecycle.schemas import Id, StrictSchema, Text, capped

MAX_BOARDS = 1000  # boards one user may be given at once


def Password(**kwargs) -> fields.String:  # noqa: N802 (reads as a field class)
    """A password: the length rule of ``lifecycle.passwords``."""
    return fields.String(required=True, validate=validate.Length(
        min=MIN_LENGTH, max=MAX_LENGTH,
        error=f"Password must be between {MIN_LENGTH} and {MAX_LENGTH} characters."),
        error_messages={"required": "Enter a password."}, **kwargs)


class TokenNameSchema(StrictSchema):
    """A new API or calendar token: what it is for."""

    name = Text(100, required=True, error_messages={"required": "Enter a name for the token."})


def Role() -> fields.String:  # noqa: N802
    """One of the roles."""
    return fields.String(required=True, validate=validate.OneOf(
        ROLES, error=f"Choose a role: {', '.join(ROLES)}."),
        error_messages={"required": "Choose a role."})


def _boards_for_board_roles(data: dict) -> None:
    if data.get("role") in ("coordinator", "member") and not data.get("board_ids"):
        raise ValidationError("Choose at least one board for a coordinator or member.",
                              "board_ids")


class UserRoleSchema(StrictSchema):
    """A user's role and, for coordinators and members, their boards."""

    role = Role()
    board_ids = fields.List(Id(), load_default=list, validate=capped(MAX_BOARDS, "boards"))

    @validates_schema(skip_on_field_errors=False)
    def _boards(self, data, **kwargs):
        _boards_for_board_roles(data)


class NewUserSchema(StrictSchema):
    """A new user who signs in with a password (fields in the order the form asks them)."""

    name = Text(200, required=True, error_messages={"required": "Enter a user name."})
    email = fields.Email(load_default=None, error_messages={
        "invalid": "Enter an email address in the right format, like name@example.org."})
    role = Role()
    board_ids = fields.List(Id(), load_default=list, validate=capped(MAX_BOARDS, "boards"))
    password = Password()

    @validates_schema(skip_on_field_errors=False)
    def _boards(self, data, **kwargs):
        _boards_for_board_roles(data)


class PasswordSchema(StrictSchema):
    """A password set for someone (an admin's reset)."""

    password = Password()


class ChangePasswordSchema(StrictSchema):
    """A user changes their own password."""

    current_password = fields.String(required=True, error_messages={
        "required": "Enter your current password."})
    new_password = Password()
    confirm_password = fields.String(required=True, error_messages={
        "required": "Enter the new password again."})

    @validates_schema(skip_on_field_errors=False)
    def _confirmed(self, data, **kwargs):
        if {"new_password", "confirm_password"} <= set(data) and \
                data["new_password"] != data["confirm_password"]:
            raise ValidationError("The two new passwords do not match.", "confirm_password")
