"""gunicorn settings for ``gunicorn -c gunicorn.conf.py 'cli.wsgi:app'`` (read automatically
from the working directory). Each setting can be overridden on the command line or with
the environment variables named below.

- ``CYPP_BIND`` (default ``0.0.0.0:8000``); ``WEB_CONCURRENCY`` workers (default two per
  CPU plus one, at most 8), each with ``CYPP_THREADS`` threads (default 4).
- Timeouts: a request taking over 30 s is killed (``CYPP_TIMEOUT``); 30 s to finish
  in-flight requests on shutdown; keep-alive 5 s behind a proxy.
- No access log of gunicorn's own: its format would carry the query string, where a
  calendar URL holds its token. The app writes one JSON line per request instead
  (``ops.requests``) and gunicorn's error log uses the same JSON format.
- Metrics: several workers share one ``/metrics`` through ``PROMETHEUS_MULTIPROC_DIR``,
  made empty at start-up (default a fresh temporary directory); a dead worker's files
  are marked so its live gauges vanish.
"""
import multiprocessing
import os
import shutil
import tempfile

bind = os.environ.get("CYPP_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("CYPP_THREADS") or 4)
worker_class = "gthread"
timeout = int(os.environ.get("CYPP_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
max_requests = 10_000
max_requests_jitter = 1_000
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
errorlog = "-"
loglevel = "info"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                            "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
                "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
                "alembic": {"level": "WARNING"}},
}

os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="cypp-prometheus-"))


def on_starting(server):
    """Start with an empty metrics directory: files of an earlier run would be counted."""
    directory = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory, exist_ok=True)


def child_exit(server, worker):
    """Forget a dead worker's live gauges."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)
