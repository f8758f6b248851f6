"""Compare: per-story analysis across the articles of one story (see DESIGN.md)."""
