"""Editing: forms to create, change and delete every kind, indicator readings, the steering group's
decision on an ambition, portfolio upload with a dry-run preview, and download.

Every save goes through the core: the form becomes a raw item, graph.changeset.parse_record
validates it exactly as a file item would be, and the store applies one change set that expects
the version the form was opened at. Problems come back next to the field they concern; a save
over someone else's newer change is refused with the user's input kept.

``forms`` (fields and form <-> item), ``flows`` (new, edit, delete), ``decisions`` (readings and
approvals), ``files`` (upload and download); all hang on the one ``edit`` blueprint.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("edit", __name__)
