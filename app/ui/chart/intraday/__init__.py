"""The intraday view (分时) and five days (五日)."""
