"""Disjoint sets (union-find): which items a run of pairwise joins has made one group.

Wire copies chain into one origin, aligned statements into one fact, substituted
words into one word choice: each is a set of pairs to be closed transitively, which
Tarjan's disjoint-set forest does in near-constant time per join (path halving).
"""

from __future__ import annotations

from typing import Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Groups of hashable items; an item never joined is a group of its own."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, item: K) -> K:
        """The representative of the item's group."""
        parent = self._parent
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def union(self, keep: K, join: K) -> K:
        """Join the groups of `keep` and `join`; `keep`'s representative stays the
        group's (callers choose it: the oldest copy is an origin's). Returns it."""
        root = self.find(keep)
        other = self.find(join)
        if other != root:
            self._parent[other] = root
        return root

    def groups(self, items: Iterable[K]) -> list[list[K]]:
        """`items` by group, each group in the items' order, groups in the order of
        their first item."""
        grouped: dict[K, list[K]] = {}
        for item in items:
            grouped.setdefault(self.find(item), []).append(item)
        return list(grouped.values())
