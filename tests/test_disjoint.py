"""Disjoint sets: pairwise joins closed into groups."""

from storylens.disjoint import DisjointSets


def test_joins_close_transitively_and_the_kept_representative_stays():
    sets: DisjointSets[str] = DisjointSets()
    assert sets.union("wire", "copy-1") == "wire"
    assert sets.union("copy-2", "copy-1") == "copy-2"  # copy-1's group joins copy-2's
    assert sets.find("wire") == sets.find("copy-1") == "copy-2"
    assert sets.groups(["lone", "wire", "copy-1", "copy-2", "other"]) == [
        ["lone"], ["wire", "copy-1", "copy-2"], ["other"]]
