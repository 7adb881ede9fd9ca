"""Editing forms (owned by the editing work)."""
from flask import Blueprint

bp = Blueprint("edit", __name__)
