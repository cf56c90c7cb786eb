"""Boards: the paged list, a board's page (plans, members over time, settings, calendar link),
new boards, members joining and leaving, and the board's settings."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from lifecycle import services
from lifecycle.access import ADMINISTER, AUDIT, CHANGE, READ, boards_of, may
from lifecycle.audit_words import day_words
from lifecycle.rules.composition import PARTNER_TYPES as COMPOSITION_TYPES
from lifecycle.rules.rulebooks import (
    DEFAULT_PLAN_LENGTH_MONTHS,
    DEFAULT_REVIEW_BASIS,
    DEFAULT_SUCCESSOR_GRACE_DAYS,
    FINANCIAL_YEAR,
    PLAN_YEAR,
    REVIEW_BASES,
    statutory_2010,
)
from lifecycle.schemas.boards import (
    MemberLeftSchema,
    NewBoardFormSchema,
    NewMemberFormSchema,
    NotificationSettingsSchema,
    ReviewBasisSchema,
    RulebookFormSchema,
)
from lifecycle.schemas.duties import RelevantPartnerSchema
from lifecycle.services.board_pages import board_overview
from lifecycle.services.boards import page_boards
from lifecycle.services.notification_settings import update_notification_settings
from web.forms import Form
from web.paging import page_number, pagination
from web.session import actor, board_for, person, require, uow

bp = Blueprint("boards", __name__, url_prefix="/boards")

PER_PAGE = 20
BASIS_WORDS = {FINANCIAL_YEAR: "Financial year (1 April to 31 March)",
               PLAN_YEAR: "Plan year (each year from the plan's start date)"}
BASES = [(basis, BASIS_WORDS[basis]) for basis in REVIEW_BASES]
# Partner types as a council officer says them; others are shown as typed.
PARTNER_TYPES = {"local_authority": "Local authority", "pct": "Primary Care Trust",
                 "police": "Police", "probation": "Probation", "yot": "Youth offending team",
                 "jobcentre_plus": "Jobcentre Plus", "fe_college": "Further education college",
                 "maintained_schools": "Maintained schools", "academy": "Academy",
                 "pru": "Pupil referral unit", "district_council": "District council",
                 "voluntary_sector": "Voluntary sector", "other": "Other partner"}
# Words for the kinds of relevant partner the law lists (s10) that members are not chosen from.
KIND_WORDS = PARTNER_TYPES | {
    "youth_offending_team": "Youth offending team", "maintained_school": "Maintained school",
    "non_maintained_special_school": "Non-maintained special school",
    "short_stay_school": "Short stay school (pupil referral unit)",
    "strategic_health_authority": "Strategic Health Authority"}
# The kinds of relevant partner (Children Act 2004 s10), as the law lists them.
RELEVANT_PARTNER_TYPES = [(kind, KIND_WORDS[kind]) for kind in COMPOSITION_TYPES]
ROLE_CHOICES = [("coordinator", "The board's coordinators"), ("member", "The board's members"),
                ("admin", "Admins"), ("auditor", "Auditors")]


@bp.route("/")
def index():
    """One page of the boards the person may see."""
    found = page_boards(uow(), boards_of(person()), page_number(), PER_PAGE)
    return render_template("boards/index.html", found=found,
                           paging=pagination(".index", found["page"], found["pages"]),
                           may_create=may(person(), ADMINISTER))


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Create a board (admins)."""
    require(ADMINISTER)
    form = Form(NewBoardFormSchema(), {"review_basis": DEFAULT_REVIEW_BASIS})
    if request.method == "POST":
        form = Form.submitted(NewBoardFormSchema())
        created = form.submit(services.create_board, uow(), actor(), **form.data)
        if form.ok:
            flash(f"{created['name']} has been created.", "success")
            return redirect(url_for(".show", board_id=created["id"]))
    return render_template("boards/new.html", form=form, bases=BASES), \
        400 if form.was_submitted else 200


@bp.route("/<int:board_id>")
def show(board_id: int):
    """A board: its plans, its members over time, its settings and the calendar link."""
    require(READ, board_for(board_id=board_id))
    me = person()
    return render_template("boards/show.html", view=board_overview(uow(), board_id),
                           may_change=may(me, CHANGE, board_id),
                           may_administer=may(me, ADMINISTER, board_id),
                           may_audit=may(me, AUDIT), bases_words=dict(BASES),
                           partner_words=partner_words)


@bp.route("/<int:board_id>/members/new", methods=["GET", "POST"])
def new_member(board_id: int):
    """Record a partner joining the board."""
    require(CHANGE, board_for(board_id=board_id))
    form = Form(NewMemberFormSchema())
    if request.method == "POST":
        form = Form.submitted(NewMemberFormSchema())
        added = form.submit(services.add_member, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash(f"{added['organisation']} has been added as a member from "
                  f"{day_words(added['joined_on'])}.", "success")
            return redirect(url_for(".show", board_id=board_id) + "#members")
    view = board_overview(uow(), board_id)
    return render_template("boards/new_member.html", form=form, board=view["board"],
                           partner_types=PARTNER_TYPES, partners=[
                               (p["id"], f"{p['name']} ({partner_words(p['partner_type'])})")
                               for p in view["relevant_partners"] if p["ended_on"] is None]), \
        400 if form.was_submitted else 200


@bp.route("/<int:board_id>/relevant-partners/new", methods=["GET", "POST"])
def new_partner(board_id: int):
    """Record a relevant partner of the board's area (s10), whom the Board must include
    (s12A(2))."""
    require(CHANGE, board_for(board_id=board_id))
    form = Form(RelevantPartnerSchema())
    if request.method == "POST":
        form = Form.submitted(RelevantPartnerSchema())
        added = form.submit(services.add_relevant_partner, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash(f"{added['name']} has been recorded as a relevant partner.", "success")
            return redirect(url_for(".show", board_id=board_id) + "#partners")
    return render_template("boards/new_partner.html", form=form,
                           board=services.get_board(uow(), board_id),
                           partner_types=RELEVANT_PARTNER_TYPES), \
        400 if form.was_submitted else 200


@bp.route("/<int:board_id>/members/<int:member_id>/left", methods=["GET", "POST"])
def member_left(board_id: int, member_id: int):
    """Record the day a partner left the board (reg 8(4) lists the change at the next review)."""
    require(CHANGE, board_for(board_id=board_id))
    form = Form(MemberLeftSchema())
    if request.method == "POST":
        form = Form.submitted(MemberLeftSchema())
        left = form.submit(services.update_member, uow(), actor(), board_id, member_id,
                           **form.data)
        if form.ok:
            flash(f"{left['organisation']} left the board on {day_words(left['left_on'])}.",
                  "success")
            return redirect(url_for(".show", board_id=board_id) + "#members")
    view = board_overview(uow(), board_id)
    member = next((m for m in view["current_members"] if m["id"] == member_id), None)
    if member is None:
        abort(404)
    return render_template("boards/member_left.html", form=form, board=view["board"],
                           member=member, partner_words=partner_words), \
        400 if form.was_submitted else 200


# The settings page's three forms: which use case each submits to.
SETTINGS_FORMS = {
    "basis": (ReviewBasisSchema, services.update_board),
    "rulebook": (RulebookFormSchema, services.update_board),
    "reminders": (NotificationSettingsSchema, update_notification_settings),
}


def partner_words(partner_type: str) -> str:
    """A partner type in words: ``fe_college`` -> "Further education college"."""
    return KIND_WORDS.get(partner_type, partner_type.replace("_", " ").capitalize())


def _settings_forms(view: dict) -> dict:
    reminders = view["notifications"]
    ladder = reminders["ladder"]
    rulebook = {"plan_length_months": str(DEFAULT_PLAN_LENGTH_MONTHS),
                "successor_grace_days": str(DEFAULT_SUCCESSOR_GRACE_DAYS),
                "rulebook_review_basis": DEFAULT_REVIEW_BASIS}
    return {"basis": Form(ReviewBasisSchema()), "rulebook": Form(RulebookFormSchema(), rulebook),
            "reminders": Form(NotificationSettingsSchema(), {
                "before": ", ".join(str(d) for d in ladder["before"]),
                "on_due_date": "yes" if ladder["on_due_date"] else None,
                "overdue_every_days": str(ladder["overdue_every_days"] or 0),
                "roles": reminders["roles"],
                "extra_recipients": "\n".join(reminders["extra_recipients"])})}


def _saved(change: str, given: dict, board: dict) -> str:
    """The success message, naming the day a change takes effect (the one given, else the
    latest, which is the default the service chose)."""
    if change == "reminders":
        return "The reminder settings have been saved."
    named = given.get("effective_from") or given.get("rulebook", {}).get("effective_from")
    changes = board["review_basis_changes"] if change == "basis" else board["rulebooks"]
    day = named or max(c["effective_from"] for c in changes)
    if change == "basis":
        return (f"The year basis for reviews changes to {given['review_basis']} year from "
                f"{day_words(day)}.")
    return f"The board switches to local rules from {day_words(day)}."


@bp.route("/<int:board_id>/settings", methods=["GET", "POST"])
def settings(board_id: int):
    """The board's year basis, rulebook and reminders (admins, as the API requires)."""
    require(ADMINISTER, board_for(board_id=board_id))
    forms, status = None, 200
    change = request.form.get("change")
    if request.method == "POST":
        if change not in SETTINGS_FORMS:
            abort(400)
        schema, use_case = SETTINGS_FORMS[change]
        form = Form.submitted(schema())
        saved = form.submit(use_case, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash(_saved(change, form.data, saved), "success")
            return redirect(url_for(".settings", board_id=board_id))
        forms, status = {change: form}, 400
    view = board_overview(uow(), board_id)
    return render_template("boards/settings.html", view=view, bases=BASES,
                           roles_choices=ROLE_CHOICES, bases_words=dict(BASES),
                           statutory=statutory_2010(),
                           forms=_settings_forms(view) | (forms or {})), status
