"""The JSON API under /api/v1/: ``read`` (elements, trace, coverage, synergies, checks) and ``write``
(import, export, one item's update or delete). ``create_app`` registers both blueprints."""
