"""Time expressions (in progress: being written)."""
def extract_times(doc, published):
    return ()
