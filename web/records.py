"""A plan's records: the reg 4 checklist, the reg 7 consultees, approval and reg 6
publication, reviews and reg 8(4) membership changes.

Each view parses its form with the schema the API uses (``lifecycle.schemas.records``),
calls one service and renders one template; when a record may not change now (the plan's
state, a fixed consultation record) the service's refusal is what the page shows.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from lifecycle import services
from lifecycle.access import CHANGE, READ, RESPOND, consultee_fields, may
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.rules.checklist import BY_KEY as MATTERS_BY_KEY
from lifecycle.rules.checklist import MATTERS
from lifecycle.rules.consultees import ALL_IN_AREA, BY_LETTER, CATEGORIES
from lifecycle.rules.publication import CHANNELS
from lifecycle.schemas.records import (
    AcknowledgementSchema,
    ChecklistEntrySchema,
    ConsultationSchema,
    NewApprovalSchema,
    NewChannelSchema,
    NewConsulteeSchema,
)
from web import record_words as words
from web.forms import Form
from web.session import actor, board_for, person, require, uow

bp = Blueprint("records", __name__, url_prefix="/plans/<int:plan_id>")
bp.add_app_template_filter(words.sentence, "sentence")

REVIEW_EVENTS = ("start_review", "conclude_review", "begin_revision", "publish_revision")
PUBLICATION_EVENTS = ("approve", "publish", "publish_revision")


def _board(plan_id: int, action: str) -> int:
    """The plan's board if the person may see it (else 404) and do ``action`` (else 403)."""
    board_id = board_for(plan_id=plan_id)
    require(action, board_id)
    return board_id


def _render(template: str, status: int = 200, **context):
    board_id = context["plan"]["board_id"]
    return render_template(template, record_words=words,
                           may_change=may(person(), CHANGE, board_id),
                           may_respond=may(person(), RESPOND, board_id), **context), status


def _plan(plan_id: int) -> dict:
    return services.get_plan(uow(), plan_id)


def _redirect(endpoint: str, plan_id: int, message: str, anchor: str | None = None):
    flash(message, "success")
    return redirect(url_for(endpoint, plan_id=plan_id, _anchor=anchor))


# --- Contents (reg 4) ---------------------------------------------------------------------

@bp.route("/contents")
def checklist(plan_id: int):
    """The 14 matters of reg 4 with their status, content and (4(3)(e)/(f)) report."""
    _board(plan_id, READ)
    plan = _plan(plan_id)
    items = {i["key"]: i for i in plan["checklist"]}
    rows = [(m, items[m.key]) for m in MATTERS if m.key in items]
    counts = {status: sum(1 for _, i in rows if i["status"] == status)
              for status in words.CHECKLIST_STATUS}
    return _render("records/checklist.html", plan=plan, rows=rows, counts=counts)


@bp.route("/contents/<key>", methods=["GET", "POST"])
def checklist_item(plan_id: int, key: str):
    """Change one matter: status, text or document, and the report taken into account."""
    _board(plan_id, CHANGE)
    matter = MATTERS_BY_KEY.get(key)
    if matter is None:
        raise NotFound(f"no matter {key!r} in the reg 4 checklist")
    form = None
    if request.method == "POST":
        form = Form.submitted(ChecklistEntrySchema())
        form.submit(services.update_checklist_item, uow(), actor(), plan_id, key, **form.data)
        if form.ok:
            return _redirect(".checklist", plan_id, f"{matter.citation} ({matter.matter}) has "
                             "been saved.", anchor=key)
    plan = _plan(plan_id)
    if form is None:
        item = next(i for i in plan["checklist"] if i["key"] == key)
        form = Form(ChecklistEntrySchema(), words.date_fields(item))
    return _render("records/checklist_item.html", 400 if form.was_submitted else 200,
                   plan=plan, matter=matter, form=form, choices=words.CHECKLIST_CHOICES)


# --- Consultation (reg 7; reg 8(2) during a review) ----------------------------------------

@bp.route("/consultees")
def consultees(plan_id: int):
    """The consultee tracker: categories of reg 7(1), who is missing, who has not replied."""
    _board(plan_id, READ)
    tracker = services.consultee_tracker(uow(), plan_id)
    plan = {"id": plan_id, "board_id": tracker["board_id"], "title": tracker["title"],
            "state": tracker["state"]}
    return _render("records/consultees.html", plan=plan, tracker=tracker)


@bp.route("/consultees/<int:consultee_id>/chase", methods=["POST"])
def chase(plan_id: int, consultee_id: int):
    """Remind the board, through its channels, to chase a consultee who has not replied."""
    _board(plan_id, CHANGE)
    try:
        chased = services.chase_consultee(uow(), actor(), plan_id, consultee_id,
                                          email=bool(current_app.config.get("EMAIL_ENABLED")))
    except InvalidInput as err:
        flash(words.sentence(err.message) + ".", "error")
        return redirect(url_for(".consultees", plan_id=plan_id))
    return _redirect(".consultees", plan_id, f"A reminder to chase {chased['name']} has been "
                     "queued. The Board's people get it in this service and through the "
                     "Board's reminder channels.", anchor=f"consultee-{consultee_id}")


def _category_choices() -> list[tuple[str, str]]:
    return [(c.letter, f"{words.sentence(c.who)} ({c.citation})") for c in CATEGORIES]


@bp.route("/consultees/new", methods=["GET", "POST"])
def new_consultee(plan_id: int):
    """Record a consultee of a reg 7(1) category, or that the area has none."""
    _board(plan_id, CHANGE)
    form = Form(NewConsulteeSchema())
    if request.method == "POST":
        form = Form.submitted(NewConsulteeSchema())
        added = form.submit(services.add_consultee, uow(), actor(), plan_id, **form.data)
        if form.ok:
            who = added["name"] or f"none in the area ({added['citation']})"
            return _redirect(".consultees", plan_id, f"Consultee recorded: {who}.",
                             anchor=f"category-{added['category']}")
    none_in_area = [c.letter for c in CATEGORIES if c.rule == ALL_IN_AREA]
    plan = _plan(plan_id)
    return _render("records/new_consultee.html", 400 if form.was_submitted else 200,
                   plan=plan, form=form, categories=_category_choices(),
                   none_in_area=none_in_area,
                   board=services.get_board(uow(), plan["board_id"]))


def _consultee_of(plan: dict, consultee_id: int) -> dict:
    found = plan["consultees"] + [c for r in plan["reviews"] for c in r["consultees"]]
    consultee = next((c for c in found if c["id"] == consultee_id), None)
    if consultee is None:
        raise NotFound(f"consultee {consultee_id} of plan {plan['id']} does not exist")
    return consultee


@bp.route("/consultees/<int:consultee_id>", methods=["GET", "POST"])
def consultee(plan_id: int, consultee_id: int):
    """Change a consultee; a Board member records the response only."""
    board_id = _board(plan_id, RESPOND)
    allowed = consultee_fields(person(), board_id)
    form = None
    if request.method == "POST":
        form = Form.submitted(ConsultationSchema())
        form.submit(services.update_consultee, uow(), actor(), plan_id, consultee_id,
                    only=allowed, **form.data)
        if form.ok:
            return _redirect(".consultees", plan_id, "The consultee's record has been saved.",
                             anchor=f"consultee-{consultee_id}")
    plan = _plan(plan_id)
    found = _consultee_of(plan, consultee_id)
    if form is None:
        form = Form(ConsultationSchema(), words.date_fields(
            {k: found[k] for k in ConsultationSchema().load_fields}))
    return _render("records/consultee.html", 400 if form.was_submitted else 200, plan=plan,
                   consultee=found, form=form, fields=allowed,
                   category=BY_LETTER[found["category"]])


# --- Approval and publication (reg 6) -----------------------------------------------------

@bp.route("/publication")
def publication(plan_id: int):
    """The Board's approval, the reg 6 publication steps, and what publication still needs."""
    _board(plan_id, READ)
    plan = _plan(plan_id)
    checks = [c for c in services.check_available_events(uow(), plan_id)
              if c["event"] in PUBLICATION_EVENTS]
    by_revision: dict[int, list[dict]] = {}
    for channel in plan["publication_channels"]:
        by_revision.setdefault(channel["revision"], []).append(channel)
    return _render("records/publication.html", plan=plan, checks=checks,
                   channels=sorted(by_revision.items()))


@bp.route("/approval", methods=["GET", "POST"])
def approval(plan_id: int):
    """Record the Board's approval: the meeting's date and minute reference."""
    _board(plan_id, CHANGE)
    form = None
    if request.method == "POST":
        form = Form.submitted(NewApprovalSchema())
        form.submit(services.record_approval, uow(), actor(), plan_id, **form.data)
        if form.ok:
            return _redirect(".publication", plan_id, "The Board's approval has been recorded.")
    plan = _plan(plan_id)
    if form is None:
        form = Form(NewApprovalSchema(), words.date_fields(plan["approval"]))
    return _render("records/approval.html", 400 if form.was_submitted else 200, plan=plan,
                   form=form)


@bp.route("/publication/new", methods=["GET", "POST"])
def new_channel(plan_id: int):
    """Record one publication step: where, when, and the web address or place."""
    _board(plan_id, CHANGE)
    form = Form(NewChannelSchema())
    if request.method == "POST":
        form = Form.submitted(NewChannelSchema())
        done = form.submit(services.record_publication_channel, uow(), actor(), plan_id,
                           **form.data)
        if form.ok:
            return _redirect(".publication", plan_id, "Publication recorded: "
                             f"{words.channel_words(done['channel']).lower()}.")
    choices = [(c.name, words.channel_words(c.name), c.citation, words.NEEDS[c.needs])
               for c in CHANNELS]
    plan = _plan(plan_id)
    return _render("records/new_channel.html", 400 if form.was_submitted else 200,
                   plan=plan, form=form, channels=choices,
                   board=services.get_board(uow(), plan["board_id"]))


# --- Reviews (reg 8) ----------------------------------------------------------------------

def _reviews_page(plan_id: int, form: Form, status: int = 200):
    plan = _plan(plan_id)
    changes = services.list_membership_changes(uow(), plan_id)
    events = [e for e in plan["available_events"] if e in REVIEW_EVENTS]
    return _render("records/reviews.html", status, plan=plan, changes=changes, form=form,
                   events=events)


@bp.route("/reviews")
def reviews(plan_id: int):
    """The plan's reviews, their consultees (reg 8(2)) and the membership changes (reg 8(4))."""
    _board(plan_id, READ)
    return _reviews_page(plan_id, Form(AcknowledgementSchema()))


@bp.route("/membership-changes", methods=["POST"])
def acknowledge(plan_id: int):
    """Record that the revision takes the chosen membership changes into account."""
    _board(plan_id, CHANGE)
    form = Form.submitted(AcknowledgementSchema())
    form.submit(services.acknowledge_membership_changes, uow(), actor(), plan_id, **form.data)
    if not form.ok:
        return _reviews_page(plan_id, form, 400)
    count = len(form.data["change_ids"])
    return _redirect(".reviews", plan_id, f"{count} membership change{'s' if count > 1 else ''}"
                     " acknowledged.", anchor="membership-changes")
