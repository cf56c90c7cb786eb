"""The reg 4 checklist: ``PUT /plans/{plan_id}/checklist/{key}``."""
from __future__ import annotations

from flask.views import MethodView

from api.auth import actor
from api.blueprint import Blueprint
from api.plans import ChecklistItemSchema
from api.runtime import uow
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.rules.checklist import MATTERS
from lifecycle.schemas.records import ChecklistEntrySchema

blp = Blueprint("checklist", __name__, url_prefix="/api/v1",
                description="What a plan must contain (reg 4): 14 matters, keys "
                            + ", ".join(m.key for m in MATTERS) + ".")


@blp.route("/plans/<int:plan_id>/checklist/<string:key>")
class ChecklistItem(MethodView):
    """One reg 4 matter of a plan."""

    permissions = {"put": CHANGE}

    @blp.arguments(ChecklistEntrySchema)
    @blp.response(200, ChecklistItemSchema)
    def put(self, entry, plan_id, key):
        """Set one matter's status and content."""
        return services.update_checklist_item(uow(), actor(), plan_id, key, **entry)
