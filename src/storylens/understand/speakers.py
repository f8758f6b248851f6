"""Speaker resolution (in progress: being written)."""
def resolve_speakers(doc, quotes, named_entities):
    return tuple(quotes)
