"""Attributions (in progress: being written)."""
def extract_quotes(doc):
    return ()
