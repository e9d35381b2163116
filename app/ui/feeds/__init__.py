"""The feeds ' health in the window: the Feeds pane, the status-bar indicator."""
