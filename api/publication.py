"""Publication (reg 6): ``POST /plans/{plan_id}/publication-channels``."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.plans import ChannelSchema
from api.runtime import uow
from api.schemas import StrictSchema, Text
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.rules.publication import BY_NAME

blp = Blueprint("publication", __name__, url_prefix="/api/v1",
                description="Where the plan was published: authority_website and pct_website "
                            "(6(a); each authority's and PCT's for a joint "
                            "Board), partner_website (6(b)), public_place deposits (6(c)), and "
                            "guidance 8.45's child_friendly_version and "
                            "disseminated_to_consultees (a warning, not a block, when "
                            "missing). Channels recorded while revising belong to that "
                            "revision. A record dated before the Board's approval (for a "
                            "revision, before begin_revision) is refused: 400 naming done_on.")


class NewChannelSchema(StrictSchema):
    channel = fields.String(required=True, validate=validate.OneOf(list(BY_NAME)))
    url = Text(500, allow_none=True, metadata={
        "description": "For the website channels and child_friendly_version."})
    place = Text(300, allow_none=True, metadata={
        "description": "For public_place; for disseminated_to_consultees, how it was sent."})
    organisation = Text(200, allow_none=True, metadata={
        "description": "Which establishing authority or relevant PCT a 6(a) website is: "
                       "required when the board has several (a joint Board), else the only "
                       "one."})
    done_on = fields.Date(required=True)


@blp.route("/plans/<int:plan_id>/publication-channels")
class PublicationChannels(MethodView):
    """A plan's reg 6 publication steps."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(NewChannelSchema)
    @blp.response(201, ChannelSchema)
    def post(self, channel, plan_id):
        """Record one publication step, dated."""
        return services.record_publication_channel(uow(), actor(), plan_id, **channel)
