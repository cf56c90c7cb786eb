"""The Board's duties under s17A(3): monitoring how far each partner acts in accordance with
the plan (a), and the annual report on each year (b), from draft to publication."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from lifecycle import services
from lifecycle.access import CHANGE, READ, RESPOND, may
from lifecycle.audit_words import day_words
from lifecycle.report_text import as_html
from lifecycle.schemas.duties import (
    GovernanceSchema,
    MonitoringEntrySchema,
    MonitoringFilterSchema,
    NewAnnualReportSchema,
    PublishAnnualReportSchema,
)
from lifecycle.services.annual_reports import board_of_report
from lifecycle.services.duty_pages import annual_reports_page, monitoring_page
from web.forms import Form
from web.paging import pagination
from web.session import actor, board_for, person, require, uow

bp = Blueprint("monitoring", __name__)

PER_PAGE = 20
# s17A(3)(a): how far a body acted in accordance with the plan, in words.
ASSESSMENT_WORDS = {"in_accordance": "In accordance with the plan",
                    "partly": "Partly in accordance with the plan",
                    "not_in_accordance": "Not in accordance with the plan"}


def _filters() -> dict:
    try:
        return MonitoringFilterSchema().load(request.args.to_dict())
    except ValidationError:
        abort(400)


@bp.route("/boards/<int:board_id>/monitoring")
def index(board_id: int):
    """The board's monitoring entries, newest first, by year and member, paged."""
    require(READ, board_for(board_id=board_id))
    chosen = _filters()
    found = monitoring_page(uow(), board_id, year_start=chosen["year_start"],
                            member_id=chosen["member_id"], page=max(chosen["page"], 1),
                            per_page=PER_PAGE)
    listing = found["listing"]
    args = {k: v for k, v in chosen.items() if v is not None and k != "page"}
    return render_template("duties/monitoring.html", found=found, chosen=chosen,
                           assessments=ASSESSMENT_WORDS,
                           paging=pagination(".index", listing["page"], listing["pages"],
                                             board_id=board_id, **args),
                           may_respond=may(person(), RESPOND, board_id))


@bp.route("/boards/<int:board_id>/monitoring/new", methods=["GET", "POST"])
def new(board_id: int):
    """Record how far a member's body acted in accordance with the plan (members and
    coordinators)."""
    require(RESPOND, board_for(board_id=board_id))
    form = Form(MonitoringEntrySchema(), {"member_id": request.args.get("member_id")})
    if request.method == "POST":
        form = Form.submitted(MonitoringEntrySchema())
        done = form.submit(services.record_monitoring, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash(f"Monitoring recorded: {done['organisation']} on {day_words(done['on'])}.",
                  "success")
            return redirect(url_for(".index", board_id=board_id))
    found = monitoring_page(uow(), board_id, per_page=1)
    return render_template("duties/new_monitoring.html", form=form, found=found,
                           assessments=ASSESSMENT_WORDS), 400 if form.was_submitted else 200


@bp.route("/boards/<int:board_id>/annual-reports", methods=["GET", "POST"])
def reports(board_id: int):
    """The board's annual reports by year, and starting the report of a year."""
    require(READ, board_for(board_id=board_id))
    form = Form(NewAnnualReportSchema())
    if request.method == "POST":
        require(CHANGE, board_id)
        form = Form.submitted(NewAnnualReportSchema())
        made = form.submit(services.create_annual_report, uow(), actor(), board_id, **form.data)
        if form.ok:
            flash("The draft report has been started.", "success")
            return redirect(url_for(".report", report_id=made["id"]))
    return render_template("duties/annual_reports.html", form=form,
                           found=annual_reports_page(uow(), board_id),
                           may_change=may(person(), CHANGE, board_id)), \
        400 if form.was_submitted else 200


def _report_board(report_id: int, action: str) -> int:
    board_id = board_for(board_id=board_of_report(uow(), report_id))
    require(action, board_id)
    return board_id


@bp.route("/annual-reports/<int:report_id>", methods=["GET", "POST"])
def report(report_id: int):
    """A report: its contents per co-operating partner, the year's reviews, the governance
    assessment (guidance 8.48) and what publishing it today would find."""
    board_id = _report_board(report_id, READ)
    form = None
    if request.method == "POST":
        require(CHANGE, board_id)
        form = Form.submitted(GovernanceSchema())
        form.submit(services.update_annual_report, uow(), actor(), report_id, **form.data)
        if form.ok:
            flash("The governance assessment has been saved.", "success")
            return redirect(url_for(".report", report_id=report_id))
    found = services.get_annual_report(uow(), report_id)
    form = form or Form(GovernanceSchema(),
                        {"governance_assessment": found["governance_assessment"]})
    return render_template("duties/annual_report.html", report=found, form=form,
                           assessments=ASSESSMENT_WORDS,
                           may_change=may(person(), CHANGE, board_id)), \
        400 if form.was_submitted else 200


@bp.route("/annual-reports/<int:report_id>/publish", methods=["GET", "POST"])
def publish(report_id: int):
    """Publish a draft: the date and address, then a check of the answers before it is
    fixed for good; refused (s17A(3)(b)) while a co-operating partner is unmonitored."""
    _report_board(report_id, CHANGE)
    form = Form(PublishAnnualReportSchema())
    if request.method == "POST":
        form = Form.submitted(PublishAnnualReportSchema())
        if form.valid and request.form.get("step") == "confirm":
            done = form.submit(services.publish_annual_report, uow(), actor(), report_id,
                               **form.data)
            if form.refusal and form.refusal.unmet:
                form.refusal.message = "The annual report cannot be published yet"
            if form.ok:
                flash(f"The annual report was published on {day_words(done['published_on'])}.",
                      "success")
                return redirect(url_for(".report", report_id=report_id))
    found = services.get_annual_report(uow(), report_id)
    if found["status"] == "published":
        abort(409)
    confirming = form.valid and form.was_submitted and request.form.get("step") != "confirm"
    template = "duties/confirm_publish.html" if confirming else "duties/publish.html"
    return render_template(template, report=found, form=form), \
        400 if form.was_submitted and not confirming else 200


@bp.route("/annual-reports/<int:report_id>/report.html")
def published_page(report_id: int):
    """The plain HTML page the Board publishes (the draft's contents until it is published)."""
    _report_board(report_id, READ)
    return Response(as_html(services.get_annual_report(uow(), report_id)), mimetype="text/html")
