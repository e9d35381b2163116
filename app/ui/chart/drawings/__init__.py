"""Drawings on the chart: the tools (``strip``), their picture (``item``), the mouse (``editor``),
the menus (``menus``), the per-symbol book shared by every chart (``book``) and the glue that
hooks them into a chart pane (``layer``)."""
