"""courtdoc: court newspaper pages in, clean segmented articles out."""

__version__ = "0.1.0"
