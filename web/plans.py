"""A plan's pages: the overview (next action, lifecycle diagram, events with their dry-run
checks, path taken), the event form with its check and confirmation step, a new plan, and
the obligation timeline, reminder log and audit trail."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.routing import BuildError

from lifecycle import drawing, services
from lifecycle.access import CHANGE, READ, may
from lifecycle.drawing import DiagramUnavailable
from lifecycle.errors import InvalidInput
from lifecycle.schemas.plans import EventDetailsSchema, EventFormSchema, NewPlanSchema
from lifecycle.services import plan_pages
from web import plan_words
from web.forms import Form, Refusal
from web.session import actor, board_for, person, require, uow

bp = Blueprint("plans", __name__)


def optional_url(endpoint: str, **values) -> str | None:
    """The address of a page, or ``None`` if that page does not exist (yet)."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


@bp.app_context_processor
def _plan_words() -> dict:
    return plan_words.TEMPLATE_GLOBALS | {"optional_url": optional_url}


def _readable(plan_id: int) -> int:
    """The plan's board, if the person may see it (404 otherwise)."""
    board_id = board_for(plan_id=plan_id)
    require(READ, board_id)
    return board_id


def _inline_svg(svg: str) -> Markup:
    """Our own Graphviz drawing, without its XML prologue, to embed in the page."""
    return Markup(svg[svg.index("<svg"):])


@bp.route("/plans/<int:plan_id>")
def show(plan_id: int):
    """Where the plan stands, what to do next, and what can be done now."""
    board_id = _readable(plan_id)
    overview = plan_pages.plan_overview(uow(), plan_id)
    try:
        diagram = _inline_svg(drawing.plan_diagram(uow(), plan_id))
    except DiagramUnavailable:
        diagram = None
    return render_template("plans/show.html", **overview, diagram=diagram,
                           may_change=may(person(), CHANGE, board_id))


@bp.route("/boards/<int:board_id>/plans/new", methods=["GET", "POST"])
def new(board_id: int):
    """Start a plan in drafting on the board."""
    require(CHANGE, board_for(board_id=board_id))
    choices = plan_pages.new_plan_page(uow(), board_id)
    if request.method == "GET":
        latest = choices["predecessors"][0]["id"] if choices["predecessors"] else None
        form = Form(NewPlanSchema(), {"predecessor_id": str(latest) if latest else None})
    else:
        form = Form.submitted(NewPlanSchema())
        created = form.submit(services.create_plan, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash(f"Plan \u201c{created['title']}\u201d has been created in drafting.", "success")
            return redirect(url_for(".show", plan_id=created["id"]))
    return render_template("plans/new.html", form=form, **choices), \
        400 if form.was_submitted else 200


def _date_parts(form: Form, on) -> None:
    """Show ``on`` in the date input unless the person typed a date."""
    if on is not None and not any(form.values.get(f"on-{p}") for p in ("day", "month", "year")):
        form.values.update({"on-day": str(on.day), "on-month": str(on.month),
                            "on-year": str(on.year)})


def _event_form(plan_id: int, event: str, form: Form, on=None, status: int = 200,
                version: int | None = None):
    """The event's form with the dry-run check for the date entered (default today)."""
    words = {"reason": form.data.get("reason"), "outcome": form.data.get("outcome")}
    try:
        page = plan_pages.event_page(uow(), plan_id, event, on, **words)
    except InvalidInput as err:  # a date the service does not take: name it, check today
        form.errors.setdefault("on", err.fields.get("on", [err.message])[0])
        status = max(status, 400)
        page = plan_pages.event_page(uow(), plan_id, event, None, **words)
    _date_parts(form, page["check"]["on"])
    shown_version = version if version is not None else form.values.get(
        "version", page["plan"]["version"])
    return render_template("plans/event.html", form=form, event=event, **page,
                           version=shown_version), status


def _fired(plan_id: int, event: str, fired: dict, on):
    done = plan_words.event_words(event).done
    flash(f"{done} on {on.day} {on:%B %Y}." if on else f"{done}.", "success")
    if fired.get("warnings"):
        flash("Allowed, but note: " + "; ".join(
            f"{w['requirement']} ({w['citation']})" for w in fired["warnings"]) + ".", "warning")
    return redirect(url_for(".show", plan_id=plan_id))


@bp.route("/plans/<int:plan_id>/events/<event>", methods=["GET"])
def event(plan_id: int, event: str):
    """The event's form: its date (default today), reason and outcome, and what the
    service would say if it were fired on that date (``?on=`` checks another date)."""
    require(CHANGE, _readable(plan_id))
    form = Form.submitted(EventDetailsSchema(), request.args)
    form.was_submitted = False
    return _event_form(plan_id, event, form, form.data.get("on"),
                       400 if form.errors else 200)


@bp.route("/plans/<int:plan_id>/events/<event>", methods=["POST"])
def fire(plan_id: int, event: str):
    """Check the date again, ask for confirmation (publish, publish_revision, withdraw), or
    fire the event; a refusal or a conflict shows the form again with what was typed."""
    require(CHANGE, _readable(plan_id))
    form = Form.submitted(EventFormSchema())
    step = request.form.get("step", "fire")
    on = form.data.get("on")
    if not form.valid or step == "check":
        return _event_form(plan_id, event, form, on, 400 if not form.valid else 200)
    if event in plan_words.CONFIRMED and step != "confirm":
        page = plan_pages.event_page(uow(), plan_id, event, on, reason=form.data.get("reason"),
                                     outcome=form.data.get("outcome"))
        if page["plan"]["version"] != form.data["version"]:
            form.refusal = Refusal("The plan has changed", conflict=True)
            return _event_form(plan_id, event, form, on, 409, version=page["plan"]["version"])
        if not page["check"]["allowed"]:
            form.refusal = Refusal(f"{plan_words.event_words(event).action} cannot be done yet",
                                   unmet=page["check"]["unmet"])
            return _event_form(plan_id, event, form, on, 400)
        return render_template("plans/confirm.html", form=form, event=event, **page,
                               version=form.data["version"])
    fired = form.submit(services.fire_event, uow(), actor(), plan_id, event, on=on,
                        reason=form.data.get("reason"), outcome=form.data.get("outcome"),
                        expected_version=form.data["version"])
    if form.ok:
        return _fired(plan_id, event, fired, on)
    conflict = form.refusal is not None and form.refusal.conflict
    current = plan_pages.plan_heading(uow(), plan_id)["version"] if conflict else None
    return _event_form(plan_id, event, form, on, 409 if conflict else 400, version=current)


@bp.route("/plans/<int:plan_id>/obligations")
def obligations(plan_id: int):
    """The plan's obligations as a timeline."""
    _readable(plan_id)
    return render_template("plans/obligations.html",
                           **plan_pages.obligation_timeline(uow(), plan_id))


@bp.route("/plans/<int:plan_id>/reminders")
def reminders(plan_id: int):
    """The plan's reminder log: each rung sent, failed, skipped or still to come."""
    _readable(plan_id)
    return render_template("plans/reminders.html", **plan_pages.reminder_page(uow(), plan_id))


@bp.route("/plans/<int:plan_id>/audit")
def audit(plan_id: int):
    """The plan's audit trail, oldest first, a page at a time (``?after=`` the cursor)."""
    _readable(plan_id)
    after = request.args.get("after", "")
    trail = plan_pages.audit_trail(uow(), plan_id, int(after) if after.isdigit() else None)
    return render_template("plans/audit.html", **trail, after=after)
