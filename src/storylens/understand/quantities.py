"""Quantities (in progress: being written)."""
def extract_quantities(doc):
    return ()
