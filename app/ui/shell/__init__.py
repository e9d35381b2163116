"""The window around the panes: main window, docks and their widths, workspaces, status bar,
settings dialog, and the launcher (the composition root) with its restart."""
