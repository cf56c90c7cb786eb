# The service's image: the web pages and API under gunicorn by default; the same image runs
# the migration (`cypp db upgrade`, a separate one-off step) and the scheduler (`cypp scheduler`).
#   docker build -t cypp .
#   docker run --rm -e CYPP_DATABASE_URL=... cypp cypp db upgrade
#   docker run -e CYPP_DATABASE_URL=... -e CYPP_SECRET_KEY=... -p 8000:8000 cypp
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Graphviz's dot draws the plan diagram (/plans/{id}/diagram.svg).
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first, from the hash-pinned lock, so code changes reuse this layer.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md gunicorn.conf.py ./
COPY lifecycle ./lifecycle
COPY api ./api
COPY web ./web
COPY schedules ./schedules
COPY cli ./cli
COPY ops ./ops
RUN pip install --no-deps . \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cypp

USER cypp
EXPOSE 8000
# The app answers /healthz while the process is up (no database needed).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "cli.wsgi:app"]
