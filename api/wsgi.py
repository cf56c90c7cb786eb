"""The WSGI entrypoint for production: ``gunicorn 'api.wsgi:app'`` (reads CYPP_DATABASE_URL)."""
from api.app import create_app

app = create_app()
