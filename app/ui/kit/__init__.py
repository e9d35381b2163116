"""The small kit every pane shares: theme and palettes, formatting, language, table helpers,
the linked symbol, and the async-result helper that drops stale answers."""
