"""coursegen: structured YAML summaries of a speech in, a Chinese training site out."""

__version__ = "0.1.0"
