"""Persistence: settings and workspaces (atomic files), API keys (OS keyring). Never Qt."""
