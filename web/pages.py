"""Read pages (owned by the web pages work)."""
from flask import Blueprint

bp = Blueprint("pages", __name__)
