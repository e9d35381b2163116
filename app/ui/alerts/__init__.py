"""The Alerts pane: its rules and log, the add dialog, and the delivery of a fired alert (toast, tray, sound)."""
