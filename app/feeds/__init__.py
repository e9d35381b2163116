"""Vendor adapters behind one interface (:class:`app.feeds.base.Feed`). Never imports Qt."""
