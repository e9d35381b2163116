"""The time & sales pane: its model and view."""
