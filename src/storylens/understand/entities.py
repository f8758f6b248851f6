"""Named entities of one article, canonicalised (in progress: being written)."""
def named_entities(doc):
    return ()
