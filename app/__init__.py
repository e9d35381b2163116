"""Quote Terminal: a desktop real-time quote terminal."""

__version__ = "0.1.0"
