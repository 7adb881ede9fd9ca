"""Languages: Danish by default, English on request (owned by the web pages work)."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Set up Flask-Babel for an application."""
