"""Render: analyses -> Markdown, JSON (the contract other tools read), HTML."""
