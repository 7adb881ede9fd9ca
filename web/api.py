"""JSON API under /api/v1/ (read endpoints: pages work; write endpoints: editing work)."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
