"""Compared symbols on a chart: other symbols overlaid in percent from the first visible bar."""
