"""Use cases that record dated facts about a plan: contents, consultees, approval, publication."""
from __future__ import annotations

from datetime import date

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import Forbidden, InvalidInput, NotFound
from lifecycle.model import Acknowledgement, Consultee, PublicationChannel
from lifecycle.rules import checklist, composition, consultees, publication, revision
from lifecycle.services.common import bounded_date, fact_date, load_plan, record, require_actor
from lifecycle.states import rules_of, states_where
from lifecycle.views import channel_view, checklist_item_view, consultee_view

CONSULTEE_FIELDS = ("name", "invited_on", "response_due", "responded_on", "declined", "summary",
                    "note")
# Fixed once consultation closes (docs/rules.md "Time, and what an event may rely on").
FIXED_AT_CLOSE = ("name", "invited_on", "response_due", "responded_on", "declined")
# Which states allow which records: columns of the state table (lifecycle.states).
_CONTENTS_OPEN = states_where("contents_open")
_CONSULTING = states_where("consultation_open")
_APPROVING = states_where("approval_open")
_PUBLISHING = states_where("publication_open")


def _invalid(field: str, message: str):
    return InvalidInput(f"{field}: {message}", {field: [message]})


def _plan_in(plan, states: frozenset[str], doing: str) -> None:
    if plan.state not in states:
        raise InvalidInput(f"cannot {doing} while the plan is {plan.state}",
                           {"state": [f"Must be one of: {', '.join(sorted(states))}."]})


def update_checklist_item(uow: UnitOfWork, actor: str, plan_id: int, key: str, *, status: str,
                          text: str | None = None, document_url: str | None = None,
                          report_ref: str | None = None, report_date: date | None = None,
                          no_report_yet: bool = False, note: str | None = None) -> dict:
    """Set one reg 4 matter's status and content (report fields only for 4(3)(e) and (f))."""
    actor = require_actor(actor)
    matter = checklist.BY_KEY.get(key)
    if matter is None:
        raise NotFound(f"no checklist matter {key!r}; keys: {', '.join(checklist.BY_KEY)}")
    if status not in checklist.STATUSES:
        raise _invalid("status", f"Must be one of: {', '.join(checklist.STATUSES)}.")
    if not matter.takes_report and (report_ref or report_date or no_report_yet):
        raise _invalid("report_ref", "Only behaviour_attendance and safeguarding take a report.")
    if status != "missing" and not (text or document_url):
        raise _invalid("text", "Give the text, or a link to the document (document_url), "
                                "for a drafted or complete matter.")
    with uow:
        fact_date(uow, report_date, "report_date")
        plan = load_plan(uow, plan_id)
        _plan_in(plan, _CONTENTS_OPEN, "change the plan's contents")
        item = plan.item(key)
        item.status, item.text, item.document_url = status, text, document_url
        item.report_ref, item.report_date = report_ref, report_date
        item.no_report_yet, item.note = bool(no_report_yet), note
        view = checklist_item_view(item)
        record(uow, actor, "checklist.updated", board_id=plan.board_id, plan_id=plan_id, **view)
        uow.commit()
        return view


def _check_consultee_dates(uow, c: Consultee) -> None:
    for field in ("invited_on", "responded_on"):
        fact_date(uow, getattr(c, field), field)
    bounded_date(c.response_due, "response_due")
    if c.responded_on and c.invited_on and c.responded_on < c.invited_on:
        raise _invalid("responded_on", "Must not be before invited_on.")
    if c.response_due and c.invited_on and c.response_due < c.invited_on:
        raise _invalid("response_due", "Must not be before invited_on.")
    if c.responded_on and c.declined:
        raise _invalid("declined", "A consultee either responded or declined, not both.")


def add_consultee(uow: UnitOfWork, actor: str, plan_id: int, *, category: str,
                  name: str | None = None, invited_on: date | None = None,
                  response_due: date | None = None, responded_on: date | None = None,
                  declined: bool = False, summary: str | None = None, none_in_area: bool = False,
                  note: str | None = None, authority: str | None = None) -> dict:
    """Record a consultee (reg 7; reg 8(2) while a review is open) or "none in the area";
    ``authority`` names its authority area (required for (e), (k), (l) on a joint Board)."""
    actor = require_actor(actor)
    category_rule = consultees.BY_LETTER.get(category)
    if category_rule is None:
        raise _invalid("category", "Must be one letter a-p (reg 7(1)).")
    if none_in_area and not (category_rule.rule == consultees.ALL_IN_AREA and note):
        raise _invalid("none_in_area", "Only for categories a, b, f, h, j, m, with a note.")
    if not none_in_area and not (name and name.strip()):
        raise _invalid("name", "Missing data for required field.")
    with uow:
        plan = load_plan(uow, plan_id)
        _consultation_open(plan, "add consultees")
        authority = _area(plan.board.authority_names, category_rule, authority)
        review = plan.open_review if rules_of(plan.state).review_consultation_open else None
        consultee = Consultee(category=category, name=name, invited_on=invited_on, authority=authority,
                              response_due=response_due, responded_on=responded_on,
                              declined=bool(declined), summary=summary,
                              none_in_area=bool(none_in_area), note=note,
                              review_id=review.id if review else None)
        _check_consultee_dates(uow, consultee)
        plan.consultees.append(consultee)
        uow.flush()
        view = consultee_view(consultee, composition.partner_names(plan.board.members))
        record(uow, actor, "consultee.added", board_id=plan.board_id, plan_id=plan_id, **view)
        uow.commit()
        return view


def _area(areas: list[str], category, given: str | None) -> str | None:
    """The consultee's authority area: one of the Board's authorities; for reg 7(1)(e), (k),
    (l) on a joint Board it must be given, otherwise it defaults to the only one."""
    if given is not None:
        if given not in areas:
            raise _invalid("authority", f"Must be one of: {', '.join(areas)}.")
        return given
    if category.rule != consultees.ALWAYS:
        return None
    if len(areas) > 1:
        raise _invalid("authority", f"Required for {category.citation} on a joint Board: one of "
                                    f"{', '.join(areas)}.")
    return areas[0]


def _consultation_open(plan, doing: str, consultee: Consultee | None = None) -> None:
    """The plan's consultation record (reg 7) is fixed once consultation closes; a review's
    (reg 8(2)) once that review is concluded. ``consultee`` None: a new one."""
    review = plan.open_review if rules_of(plan.state).review_consultation_open else None
    if review is not None and (consultee is None or consultee.review_id == review.id):
        return
    if plan.state in _CONSULTING and (consultee is None or consultee.review_id is None):
        return
    if consultee is not None and consultee.review_id is not None:
        raise InvalidInput(f"cannot {doing}: the review this consultee belongs to is concluded",
                           {"review_id": ["Must be the plan's open review."]})
    raise InvalidInput(f"cannot {doing} while the plan is {plan.state}: the consultation record "
                       "is fixed when consultation closes (reopen_consultation reopens it)",
                       {"state": [f"Must be one of: {', '.join(sorted(_CONSULTING))}."]})


def update_consultee(uow: UnitOfWork, actor: str, plan_id: int, consultee_id: int, *,
                     only: frozenset[str] | None = None, **changes) -> dict:
    """Record an invitation, a response, a refusal or a summary.

    ``only`` limits the fields the caller may change (a Board member records responses only).
    """
    actor = require_actor(actor)
    unknown = set(changes) - set(CONSULTEE_FIELDS)
    if unknown:
        raise InvalidInput("unknown fields", {k: ["Unknown field."] for k in unknown})
    barred = sorted(set(changes) - only) if only is not None else []
    if barred:
        raise Forbidden(f"you may record responses only ({', '.join(sorted(only))}), not "
                        f"{', '.join(barred)}", {k: ["Not yours to change."] for k in barred})
    with uow:
        plan = load_plan(uow, plan_id)
        consultee = next((c for c in plan.consultees if c.id == consultee_id), None)
        if consultee is None:
            raise NotFound(f"consultee {consultee_id} of plan {plan_id} does not exist")
        if "name" in changes and not consultee.none_in_area and not (changes["name"] or "").strip():
            raise _invalid("name", "Must not be blank.")
        moved = [k for k in FIXED_AT_CLOSE if k in changes and changes[k] != getattr(consultee, k)]
        if moved:
            _consultation_open(plan, f"change {', '.join(moved)}", consultee)
        for key, value in changes.items():
            setattr(consultee, key, value)
        _check_consultee_dates(uow, consultee)
        view = consultee_view(consultee, composition.partner_names(plan.board.members))
        record(uow, actor, "consultee.updated", board_id=plan.board_id, plan_id=plan_id,
               consultee_id=consultee_id, **changes)
        uow.commit()
        return view


def record_approval(uow: UnitOfWork, actor: str, plan_id: int, *, approved_on: date,
                    minute_ref: str) -> dict:
    """The Board's approval of the plan: its date and minute reference, and the plan's version
    after it (recording the approval changes the plan, so its version moves on)."""
    actor = require_actor(actor)
    if not (minute_ref and minute_ref.strip()):
        raise _invalid("minute_ref", "Missing data for required field.")
    with uow:
        fact_date(uow, approved_on, "approved_on", required=True)
        plan = load_plan(uow, plan_id)
        _plan_in(plan, _APPROVING, "record the Board's approval")
        plan.approved_on, plan.approval_minute_ref = approved_on, minute_ref.strip()
        record(uow, actor, "approval.recorded", board_id=plan.board_id, plan_id=plan_id,
               approved_on=approved_on, minute_ref=plan.approval_minute_ref)
        uow.flush()
        view = {"approved_on": plan.approved_on, "minute_ref": plan.approval_minute_ref,
                "version": plan.version}
        uow.commit()
        return view


def record_publication_channel(uow: UnitOfWork, actor: str, plan_id: int, *, channel: str,
                               done_on: date, url: str | None = None, place: str | None = None,
                               organisation: str | None = None) -> dict:
    """A reg 6 publication step; while revising it belongs to the pending revision.
    ``organisation``: which authority or PCT a 6(a) website is (required when the board
    has several, else the only one)."""
    actor = require_actor(actor)
    spec = publication.BY_NAME.get(channel)
    if spec is None:
        raise _invalid("channel", f"Must be one of: {', '.join(publication.BY_NAME)}.")
    if not (url if spec.needs == "url" else place):
        raise _invalid(spec.needs, f"A {channel} record needs a {spec.needs}.")
    with uow:
        fact_date(uow, done_on, "done_on", required=True)
        plan = load_plan(uow, plan_id)
        _plan_in(plan, _PUBLISHING, "record publication")
        number = plan.pending_revision.number if rules_of(plan.state).revision_pending else 0
        _not_before_approval(plan, number, done_on)
        try:
            organisation = publication.organisation_for(
                channel, organisation, plan.board.authority_names, plan.board.pct_names)
        except ValueError as problem:
            raise _invalid("organisation", str(problem)) from None
        item = PublicationChannel(channel=channel, url=url, place=place, done_on=done_on,
                                  revision=number, organisation=organisation)
        plan.channels.append(item)
        uow.flush()
        view = channel_view(item)
        record(uow, actor, "publication_channel.recorded", board_id=plan.board_id,
               plan_id=plan_id, **view)
        uow.commit()
        return view


def _not_before_approval(plan, number: int, done_on: date) -> None:
    """Publication cannot precede approval (for a revision, the day it was begun)."""
    floor = plan.publication_floor(number)
    if floor is not None and done_on < floor:
        since = "the Board's approval" if number == 0 else f"revision {number} was begun"
        raise _invalid("done_on", f"Must not be before {floor}: publication cannot precede "
                                  f"approval ({since} is dated {floor}).")


def _change_view(change, acknowledged: set[str]) -> dict:
    return {"id": change.id, "member_id": change.member_id, "organisation": change.organisation,
            "change": change.change, "on": change.on, "acknowledged": change.id in acknowledged}


def list_membership_changes(uow: UnitOfWork, plan_id: int) -> list[dict]:
    """Membership changes since publication or the last review (reg 8(4))."""
    with uow:
        plan = load_plan(uow, plan_id)
        done = plan.acknowledged_change_ids(plan.next_revision_number)
        changes = revision.membership_changes(plan, plan.board.members, uow.clock.today())
        return [_change_view(c, done) for c in changes]


def acknowledge_membership_changes(uow: UnitOfWork, actor: str, plan_id: int, *,
                                   change_ids: list[str], note: str | None = None) -> list[dict]:
    """Record that the revision takes these membership changes into account (reg 8(4))."""
    actor = require_actor(actor)
    if not change_ids:
        raise _invalid("change_ids", "Give at least one change id.")
    with uow:
        plan = load_plan(uow, plan_id)
        number = plan.next_revision_number
        changes = {c.id: c for c in revision.membership_changes(plan, plan.board.members,
                                                                uow.clock.today())}
        unknown = [i for i in change_ids if i not in changes]
        if unknown:
            raise _invalid("change_ids", f"Not a membership change of this plan: {', '.join(unknown)}.")
        already = plan.acknowledged_change_ids(number)
        for change_id in dict.fromkeys(change_ids):
            if change_id not in already:
                plan.acknowledgements.append(Acknowledgement(
                    revision=number, change_id=change_id, note=note,
                    acknowledged_at=uow.clock.now()))
        record(uow, actor, "membership_changes.acknowledged", board_id=plan.board_id,
               plan_id=plan_id, revision=number, change_ids=list(change_ids), note=note)
        done = plan.acknowledged_change_ids(number)
        views = [_change_view(c, done) for c in changes.values()]
        uow.commit()
        return views
