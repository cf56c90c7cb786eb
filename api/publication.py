"""Publication (reg 6): ``POST /plans/{plan_id}/publication-channels``."""
from __future__ import annotations

from flask.views import MethodView

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.plans import ChannelSchema
from api.runtime import uow
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.schemas.records import NewChannelSchema

blp = Blueprint("publication", __name__, url_prefix="/api/v1",
                description="Where the plan was published: authority_website and pct_website "
                            "(6(a); each authority's and PCT's for a joint "
                            "Board), partner_website (6(b)), public_place deposits (6(c)), and "
                            "guidance 8.45's child_friendly_version and "
                            "disseminated_to_consultees (a warning, not a block, when "
                            "missing). Channels recorded while revising belong to that "
                            "revision. A record dated before the Board's approval (for a "
                            "revision, before begin_revision) is refused: 400 naming done_on.")


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
