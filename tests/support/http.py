"""Talking HTTP to a real server on loopback."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

from werkzeug.serving import make_server


def call(url: str, method: str = "GET", token: str | None = None, body=None, headers=None):
    """(status, JSON body) of one HTTP request."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {}),
        **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def serve(app):
    """Run ``app`` on a free loopback port in a thread; (base URL, stop)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(10)
    return f"http://127.0.0.1:{server.server_port}/api/v1", stop
