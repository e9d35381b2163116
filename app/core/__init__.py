"""Canonical market data: value types, symbols, sessions, bar building. No Qt, no I/O."""
