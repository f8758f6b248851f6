"""Understand: per-article annotation, with no state shared across articles."""

from .base import DEFAULT_PIPELINE, annotate, load_pipeline

__all__ = ["DEFAULT_PIPELINE", "annotate", "load_pipeline"]
