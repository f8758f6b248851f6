"""Persistence of model types. The store knows no NLP: it saves and loads what the
stages produce, nothing more."""

from .sqlite import Store, StoreError

__all__ = ["Store", "StoreError"]
