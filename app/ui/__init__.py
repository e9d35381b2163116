"""Widgets: main window, docks, chart, dialogs. Talks to data only through app.services."""
