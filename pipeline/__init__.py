"""German funding press releases in, normalised funding records out."""

__version__ = "0.1.0"
