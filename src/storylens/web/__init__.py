"""The web face of storylens: pages to read stories side by side and an HTTP API.

Run it with `storylens serve`; build the ASGI app yourself with `create_app`.
"""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
