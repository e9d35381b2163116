"""The watchlist pane: named lists in tabs over one live table (model, its parts, the painting view)."""
