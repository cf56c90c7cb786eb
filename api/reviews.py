"""Annual reviews (reg 8): ``GET /plans/{plan_id}/reviews``."""
from __future__ import annotations

from flask.views import MethodView

from api.blueprint import Blueprint
from api.plans import ReviewSchema
from api.runtime import uow
from lifecycle import services
from lifecycle.access import READ

blp = Blueprint("reviews", __name__, url_prefix="/api/v1",
                description="Each review's dates, consultees (reg 8(2)) and outcome.")


@blp.route("/plans/<int:plan_id>/reviews")
class Reviews(MethodView):
    """A plan's annual reviews."""

    permissions = {"get": READ}

    @blp.response(200, ReviewSchema(many=True))
    def get(self, plan_id):
        """The plan's reviews, oldest first."""
        return services.list_reviews(uow(), plan_id)
