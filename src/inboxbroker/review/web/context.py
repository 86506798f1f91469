"""What a route may reach for the current request: the settings, the store, and a service acting as its user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import current_app, g

from inboxbroker.review.service import ReviewService
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store

EXTENSION = "inboxbroker"
Parts = tuple[Settings, Store, Callable[[], datetime] | None]


def service() -> ReviewService:
    """The review service for this request, acting as the logged-in user (the name the audit records)."""
    if "service" not in g:
        settings, store, clock = _parts()
        g.service = ReviewService(settings, store, g.user, clock=clock)
    found: ReviewService = g.service
    return found


def settings_of() -> Settings:
    return _parts()[0]


def store_of() -> Store:
    return _parts()[1]


def _parts() -> Parts:
    parts: Parts = current_app.extensions[EXTENSION]
    return parts
