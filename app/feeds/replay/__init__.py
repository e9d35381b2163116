"""A recording played back as a feed (issue 22): see :mod:`app.feeds.replay.feed`."""

from app.feeds.replay.feed import MAX_SPEED, MIN_SPEED, ReplayFeed, checked_speed

__all__ = ["MAX_SPEED", "MIN_SPEED", "ReplayFeed", "checked_speed"]
