"""The symbol browser pane: the vendor's categories and their symbols, a page at a time."""
