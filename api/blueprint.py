"""The Blueprint every resource module uses: invalid input is a 400 and unknown fields are refused.

Validation failures are 400 (the request is wrong); 422 is kept for a
well-formed request that the law refuses (a guard's unmet requirements).
"""
from __future__ import annotations

import flask_smorest
from marshmallow import RAISE
from webargs.flaskparser import FlaskParser

VALIDATION_STATUS = 400


class Parser(FlaskParser):
    """Rejects unknown fields in every location, with a 400."""

    DEFAULT_VALIDATION_STATUS = VALIDATION_STATUS
    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}

    def __init__(self):
        super().__init__(unknown=RAISE)


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with this API's argument parser."""

    ARGUMENTS_PARSER = Parser()
