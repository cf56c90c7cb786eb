"""Test helpers that build real records through the services."""
