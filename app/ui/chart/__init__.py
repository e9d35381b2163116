"""Candlestick chart: manager (bars ↔ index), items (one drawing each), axis, widget."""
