"""Small Acts: a narrative game about everyday choices."""

__version__ = "0.1.0"
