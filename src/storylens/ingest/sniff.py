"""Recognise an input's kind from its first bytes, the file name only breaking ties.

Scraped corpora are full of `.txt` files holding HTML and `.json` files holding
JSON Lines, so content decides.
"""

from __future__ import annotations

import enum
import json
import re


class Kind(enum.Enum):
    EMPTY = "empty"
    BINARY = "binary"
    WARC = "warc"
    JSONL = "jsonl"
    FEED = "feed"
    HTML = "html"
    TEXT = "text"


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml\b", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def sniff(head: bytes, name: str = "") -> Kind:
    """The kind of a document whose first bytes (up to a few KB) are `head`."""
    name = name.lower().removesuffix(".gz")
    if not head.strip():
        return Kind.EMPTY
    if head.startswith(b"WARC/"):
        return Kind.WARC
    if _looks_binary(head):
        return Kind.BINARY
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and (name.endswith((".jsonl", ".ndjson", ".json"))
                                      or _first_line_is_json_object(stripped)):
        return Kind.JSONL
    if _FEED.search(head[:2048]) and (_XML_DECL.match(stripped) or stripped.startswith(b"<")):
        return Kind.FEED
    if _HTML_START.match(stripped) or (name.endswith((".html", ".htm"))
                                      and _HTML_ANYWHERE.search(head)):
        return Kind.HTML
    return Kind.TEXT


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def _first_line_is_json_object(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        # The first line may be cut off by the sniffing window: a long object.
        return b"\n" not in head and line.rstrip().startswith(b'{"')
