"""A small, bounded load generator: N client threads, each on its own keep-alive HTTP
connection, sending requests a caller-supplied function chooses, for a fixed time.

    figures = run(server_root, next_request, clients=32, seconds=60)
    print(figures.report())

``next_request(client, rng)`` returns ``Request``; its ``then`` (optional) is called with
the (status, JSON body) answer, so a client can carry state (a plan's version) from one
request to the next. Figures: requests, requests per second, latency p50/p95/p99 in ms and
the count of each status (``-1`` a connection error).
"""
from __future__ import annotations

import http.client
import json
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Request:
    method: str
    path: str
    token: str
    body: dict | None = None
    then: Callable[[int, object], None] | None = None


@dataclass
class Figures:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    errors: Counter = field(default_factory=Counter)

    def note(self, error: Exception) -> None:
        with self.lock:
            self.errors[type(error).__name__] += 1

    def add(self, status: int, latency: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(latency)

    def percentile(self, p: int) -> float:
        """The p-th percentile latency in milliseconds."""
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    def summary(self) -> dict:
        n = len(self.latencies)
        return {"requests": n, "rps": round(n / self.seconds, 1),
                "p50_ms": round(self.percentile(50), 1), "p95_ms": round(self.percentile(95), 1),
                "p99_ms": round(self.percentile(99), 1), "statuses": dict(sorted(self.statuses.items())),
                "connection_errors": dict(self.errors)}

    def report(self) -> str:
        s = self.summary()
        return (f"{s['requests']} requests in {self.seconds:.0f} s: {s['rps']}/s; latency p50 "
                f"{s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms; statuses "
                f"{s['statuses']}; connection errors {s['connection_errors'] or 'none'}")


def _send(connection: http.client.HTTPConnection, request: Request) -> tuple[int, object]:
    body = json.dumps(request.body) if request.body is not None else None
    connection.request(request.method, request.path, body=body, headers={
        "Authorization": f"Bearer {request.token}", "Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    try:
        return response.status, json.loads(data) if data else None
    except ValueError:
        return response.status, data


# The server closed a kept-alive connection before reading the request (its keep-alive
# timeout, or a worker recycled): an HTTP client sends it again on a new connection, as
# urllib3 does. Anything else, or the same on a new connection, counts as an error (-1).
STALE_CONNECTION = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _client(number: int, root: str, next_request, deadline: float, figures: Figures) -> None:
    where = urlsplit(root)
    rng = random.Random(number)

    def connect():
        return http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    connection, used = connect(), False
    while time.monotonic() < deadline:
        request = next_request(number, rng)
        started = time.perf_counter()
        try:
            try:
                status, answer = _send(connection, request)
            except STALE_CONNECTION:
                if not used:
                    raise
                connection.close()
                connection = connect()
                status, answer = _send(connection, request)
            used = True
        except (OSError, http.client.HTTPException) as error:
            status, answer = -1, None
            figures.note(error)
            connection.close()
            connection, used = connect(), False
        figures.add(status, time.perf_counter() - started)
        if request.then is not None:
            request.then(status, answer)
    connection.close()


def run(root: str, next_request, clients: int = 32, seconds: float = 60) -> Figures:
    """``clients`` threads sending ``next_request``'s requests to ``root`` for ``seconds``."""
    figures = Figures()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=_client, args=(n, root, next_request, deadline, figures))
               for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.seconds = time.monotonic() - started
    return figures
