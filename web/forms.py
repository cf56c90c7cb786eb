"""Forms for every page: parse a submitted form with a marshmallow schema, show errors GOV.UK-style.

    form = Form(NewUserSchema())                  # GET: an empty form (or Form(schema, values))
    form = Form.submitted(NewUserSchema())        # POST: parse and validate request.form
    view = form.submit(people.create, uow(), actor(), **form.data)   # None if refused
    if form.ok:
        return redirect(...)
    return render_template("x.html", form=form)   # errors and the input shown again

What the schema cannot judge, the use case does: ``submit`` records an
``InvalidInput`` against its fields, a ``GuardRefused`` as its unmet requirements
(each with its citation), a ``Conflict`` or ``EventNotAllowed`` as a message;
``NotFound`` is not a form error and propagates (a 404 page). Empty text fields
count as not given. A ``Date`` field may come as one ISO value or as GOV.UK's
date input, ``<name>-day``, ``<name>-month`` and ``<name>-year``. A ``List``
field takes every value of its name (checkboxes).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import request
from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import MultiDict

from lifecycle.errors import Conflict, DomainError, EventNotAllowed, GuardRefused, InvalidInput

NOT_FORM_FIELDS = ("csrf_token",)
SCHEMA_ERRORS = "_schema"


@dataclass
class Refusal:
    """A use case's refusal shown at the top of the form: a message, and the unmet
    requirements and warnings (``{"requirement", "citation"}``) if the law refused it."""

    message: str
    unmet: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    conflict: bool = False


def _date_value(form: MultiDict, name: str) -> str | None:
    parts = [form.get(f"{name}-{p}", "").strip() for p in ("year", "month", "day")]
    if not any(parts):
        return None
    year, month, day = parts
    return f"{year.zfill(4)}-{month.zfill(2)}-{day.zfill(2)}"


def form_values(schema: Schema, form: MultiDict) -> dict:
    """What the schema should load from a submitted form (empty text counts as not given)."""
    values = {}
    for name, declared in schema.load_fields.items():
        key = declared.data_key or name
        if isinstance(declared, fields.List):
            chosen = [v for v in form.getlist(key) if v.strip()]
            if chosen or key in form:
                values[key] = chosen
        elif isinstance(declared, fields.Date) and key not in form:
            given = _date_value(form, key)
            if given is not None:
                values[key] = given
        elif isinstance(declared, fields.Boolean):
            if key in form:
                values[key] = form.get(key)
        elif form.get(key, "").strip():
            values[key] = form.get(key).strip() if not _secret(declared) else form.get(key)
    return values


def _secret(declared) -> bool:
    return "password" in (declared.name or "")


def _first(messages) -> str:
    if isinstance(messages, dict):
        return _first(next(iter(messages.values()), ""))
    if isinstance(messages, (list, tuple)):
        return _first(messages[0]) if messages else ""
    return str(messages)


class Form:
    """A form's values (as given), its errors by field, and a refusal by the use case."""

    def __init__(self, schema: Schema, values: dict | None = None):
        self.schema = schema
        self.values: dict = dict(values or {})
        self.errors: dict[str, str] = {}
        self.refusal: Refusal | None = None
        self.data: dict = {}
        self.was_submitted = False

    @classmethod
    def submitted(cls, schema: Schema, form: MultiDict | None = None) -> Form:
        """Parse ``request.form`` (or ``form``) with ``schema``: ``data`` or ``errors``."""
        given = form if form is not None else request.form
        shown = {k: (given.getlist(k) if len(given.getlist(k)) > 1 else given.get(k))
                 for k in given if k not in NOT_FORM_FIELDS and "password" not in k}
        self = cls(schema, shown)
        self.was_submitted = True
        try:
            self.data = schema.load(form_values(schema, given))
        except ValidationError as err:
            self._field_errors(err.messages)
        return self

    def _field_errors(self, messages: dict) -> None:
        for name, why in messages.items():
            if name == SCHEMA_ERRORS:
                self.refusal = self.refusal or Refusal(_first(why))
            else:
                self.errors.setdefault(name, _first(why))

    @property
    def valid(self) -> bool:
        return not self.errors and self.refusal is None

    @property
    def ok(self) -> bool:
        """Submitted, valid, and not refused by the use case."""
        return self.was_submitted and self.valid

    def submit(self, use_case, *args, **kwargs):
        """Run the use case if the form is valid; its result, or ``None`` with the refusal kept."""
        if not self.valid:
            return None
        try:
            return use_case(*args, **kwargs)
        except GuardRefused as err:
            self.refusal = Refusal(
                f"{err.event.replace('_', ' ').capitalize()} cannot be done yet",
                unmet=[{"requirement": r.requirement, "citation": r.citation}
                       for r in err.findings.unmet],
                warnings=[{"requirement": r.requirement, "citation": r.citation}
                          for r in err.findings.warnings])
        except Conflict as err:
            self.refusal = Refusal(f"{err.message}. Your input is kept below: check the "
                                   "current details, then submit again.", conflict=True)
        except InvalidInput as err:
            known = {k: v for k, v in err.fields.items() if k in self.schema.load_fields}
            self._field_errors(known)
            if not known or len(known) < len(err.fields):
                self.refusal = Refusal(err.message)
        except EventNotAllowed as err:
            self.refusal = Refusal(err.message)
        except DomainError as err:
            if err.code == "not_found":
                raise
            self.refusal = Refusal(err.message)
        return None

    def error_summary(self) -> list[dict]:
        """The error summary's items in the schema's field order (declare fields in the order
        the page shows them); each links to its field (``#<name>``)."""
        order = list(self.schema.load_fields)
        named = sorted(self.errors.items(),
                       key=lambda e: order.index(e[0]) if e[0] in order else len(order))
        items = [{"text": message, "href": f"#{name}"} for name, message in named]
        if self.refusal is not None and not self.refusal.unmet:
            items.insert(0, {"text": self.refusal.message})
        return items

    def error(self, name: str) -> dict | None:
        """GOV.UK's ``errorMessage`` parameter for a field, or ``None``."""
        return {"text": self.errors[name]} if name in self.errors else None

    def value(self, name: str, default=None):
        """What to show in a field: what was submitted, else ``default``."""
        value = self.values.get(name)
        return default if value is None else value

    def chosen(self, name: str) -> list[str]:
        """The values chosen in a multi-valued field (checkboxes), as strings."""
        value = self.values.get(name)
        if value is None:
            return []
        return [str(v) for v in (value if isinstance(value, list) else [value])]
