"""Prometheus metrics: counted where requests enter, and read from the database when scraped.

Counted in the web process (``prometheus_client``): ``cypp_http_requests_total`` and
``cypp_http_request_duration_seconds`` by route template, method and status, and
``cypp_plan_events_total`` by event and outcome (accepted, refused, conflict).
Read from the database at each scrape, so every process and restart agrees:
``cypp_reminders`` by status (sent, failed, pending...), ``cypp_open_incidents`` by
kind, ``cypp_last_evaluation_timestamp_seconds`` (wall clock of the last successful
daily evaluation) and ``cypp_audit_records`` (the audit chain's length).

Under gunicorn with several workers each worker counts for itself; with
``PROMETHEUS_MULTIPROC_DIR`` set (``gunicorn.conf.py`` sets it) the scrape adds up
every worker's files (``prometheus_client.multiprocess``).
"""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from lifecycle.rules.reminders import REMINDER_STATUSES
from lifecycle.services.operations import operational_figures

REQUESTS = Counter("cypp_http_requests", "HTTP requests answered, by route template, method "
                   "and status.", ["route", "method", "status"])
LATENCY = Histogram("cypp_http_request_duration_seconds", "Time to answer an HTTP request, by "
                    "route template and method.", ["route", "method"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
PLAN_EVENTS = Counter("cypp_plan_events", "Lifecycle events asked for over HTTP, by event and "
                      "outcome (accepted, refused by a guard, conflict).", ["event", "outcome"])


class StoredFigures:
    """A collector that reads the operational figures from the database at scrape time."""

    def __init__(self, uow_factory):
        self.uow_factory = uow_factory

    def collect(self):
        figures = operational_figures(self.uow_factory())
        reminders = GaugeMetricFamily("cypp_reminders", "Reminders by status (sent, failed, "
                                      "pending, skipped, cancelled).", labels=["status"])
        for status in REMINDER_STATUSES:
            reminders.add_metric([status], figures["reminders"].get(status, 0))
        incidents = GaugeMetricFamily("cypp_open_incidents", "Open incidents: boards whose "
                                      "evaluation fails, deliveries that failed for good.",
                                      labels=["kind"])
        for kind, count in figures["incidents"].items():
            incidents.add_metric([kind], count)
        last = figures["last_evaluation"]
        yield reminders
        yield incidents
        yield GaugeMetricFamily("cypp_last_evaluation_timestamp_seconds", "When the last "
                                "successful daily evaluation finished (Unix time; 0: never).",
                                value=last.timestamp() if last else 0)
        yield GaugeMetricFamily("cypp_audit_records", "Records in the hash-chained audit log.",
                                value=figures["audit_records"])


def exposition(uow_factory) -> tuple[bytes, str]:
    """The metrics page's body and content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Counted())
    registry.register(StoredFigures(uow_factory))
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Counted:
    """This process's own counters (the default registry), when not in multiprocess mode."""

    def collect(self):
        yield from REGISTRY.collect()
