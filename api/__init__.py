"""The HTTP interface: a Flask app of flask-smorest blueprints over ``lifecycle.services``."""
