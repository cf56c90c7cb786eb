"""The audit log for auditors and admins: filters, paging, CSV export, checking the chain."""
from __future__ import annotations

from itertools import chain

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from lifecycle.access import AUDIT
from lifecycle.audit_words import event_choices
from lifecycle.schemas import MAX_ID
from lifecycle.schemas.audit import AuditFilterSchema, audit_filters
from lifecycle.services.audit_log import audit_page, check_audit_chain, export_audit_csv
from web.forms import Form
from web.session import actor, require, uow

bp = Blueprint("audit", __name__)

PER_PAGE = 50


@bp.before_request
def _auditors_only():
    require(AUDIT)


def _filters() -> Form:
    """The filters in the query string, parsed (and shown again) like any form."""
    return Form.submitted(AuditFilterSchema(), request.args)


def _cursor() -> int | None:
    given = request.args.get("cursor", "")
    return int(given) if given.isdigit() and len(given) < 12 and int(given) <= MAX_ID else None


def _refused(form: Form):
    return render_template("audit/index.html", form=form, found=None,
                           events=event_choices()), 400


@bp.route("/audit")
def index():
    """One page of the audit log, oldest first, filtered; the latest check of the hash chain."""
    form = _filters()
    found = form.submit(audit_page, uow(), audit_filters(form.data), _cursor(), PER_PAGE)
    if not form.ok:
        return _refused(form)
    shown = {k: v for k, v in request.args.items() if k != "cursor" and v.strip()}
    next_url = (url_for(".index", **shown, cursor=found["next_cursor"])
                if found["next_cursor"] is not None else None)
    return render_template("audit/index.html", form=form, found=found, next_url=next_url,
                           events=event_choices(),
                           csv_url=url_for(".csv", **shown), first_url=url_for(".index", **shown),
                           paged=_cursor() is not None)


@bp.route("/audit/check", methods=["POST"])
def check():
    """Walk the whole hash chain now (slow on a long log, so never on a plain page load);
    the audit page then shows what it found."""
    report = check_audit_chain(uow(), actor())
    if report["intact"]:
        flash(f"Chain intact: {report['records']} record"
              f"{'' if report['records'] == 1 else 's'} checked.", "success")
    return redirect(url_for(".index"))


@bp.route("/audit.csv")
def csv():
    """Every record the filters select, as a CSV file."""
    form = _filters()
    if not form.ok:
        return _refused(form)
    chunks = export_audit_csv(uow(), audit_filters(form.data))
    first = form.submit(next, chunks)  # the first page is read now, so bad input is a 400
    if not form.ok:
        return _refused(form)
    return Response(stream_with_context(chain([first], chunks)), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="audit-log.csv"'})
