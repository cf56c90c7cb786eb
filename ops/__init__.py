"""Operations: health, readiness, metrics and structured logs, for whoever runs the service.

``ops`` imports ``lifecycle`` only. The composition root (``cli.app``) calls ``init_app``;
the scheduler's command uses ``ops.logs`` so its lines have the same JSON shape. The API
and the web pages never import ``ops``: they know nothing of how they are watched.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Request ids, the JSON request log and metrics for every request of ``app``, and the
    ``/healthz``, ``/readyz`` and ``/metrics`` endpoints. Call it before the other
    ``init_app``s so every request is timed and logged, even one refused early."""
    from ops import health, requests
    health.configure(app)
    requests.init_app(app)
    app.register_blueprint(health.bp)
