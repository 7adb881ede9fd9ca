"""Sign-in (owned by the editing work)."""
from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    """Set up sign-in for an application."""
