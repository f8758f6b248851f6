"""Group: cross-article stages. Syndicated copies (`dedup`), then stories (`cluster`).

Entry point: `assign(store, annotated_articles) -> list[Story]` groups new articles
into the store's stories and persists the result; `StoryGrouper` does the same in
memory for a stream (benchmarks, engines that keep state between batches).
"""

from .stories import GroupingInput, StoryGrouper, assign, grouping_input, headline, load, save

__all__ = ["GroupingInput", "StoryGrouper", "assign", "grouping_input", "headline", "load",
           "save"]
