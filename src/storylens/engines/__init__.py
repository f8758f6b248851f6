"""Engines run the stage functions over many articles: `local` on one machine."""
