"""What an accepted event records on the plan (in memory only; the service persists it)."""
from __future__ import annotations

from lifecycle.model import Review, Revision
from lifecycle.rules import publication

REVISION = "revision"


def published(ctx) -> None:
    """The publication date is when the last mandatory reg 6 step was done."""
    plan = ctx.plan
    plan.published_on = publication.publication_date(
        plan.channels_of(0), ctx.on, plan.publication_floor(0), plan.board.authority_names,
        plan.board.pct_names)


def review_started(ctx) -> None:
    ctx.plan.reviews.append(Review(opened_on=ctx.on))


def review_concluded(ctx) -> None:
    review = ctx.plan.open_review
    review.concluded_on, review.outcome, review.reason = ctx.on, ctx.outcome, ctx.reason


def revision_begun(ctx) -> None:
    """Deciding to revise concludes the review (docs/rules.md, reg 8(1))."""
    plan, review = ctx.plan, ctx.plan.open_review
    review.concluded_on, review.outcome, review.reason = ctx.on, REVISION, ctx.reason
    plan.revisions.append(Revision(number=plan.next_revision_number, review_id=review.id,
                                   begun_on=ctx.on))


def revision_published(ctx) -> None:
    plan, pending = ctx.plan, ctx.plan.pending_revision
    pending.published_on = publication.publication_date(
        plan.channels_of(pending.number), ctx.on, plan.publication_floor(pending.number),
        plan.board.authority_names, plan.board.pct_names)
    plan.revision = pending.number


def superseded(ctx) -> None:
    ctx.plan.superseded_on = ctx.successor.published_on
