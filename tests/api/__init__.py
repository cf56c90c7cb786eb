"""Tests of the HTTP API through the Flask test client."""
