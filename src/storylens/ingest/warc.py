"""WARC and WARC.gz archives (the Common Crawl news format).

Only HTML `response` records with status 200 hold articles. The record's date is
when it was crawled, not when it was published, so it is kept as an extra.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Article, InputProblem
from .html import read_html


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status == "200" and "html" in content_type.lower()


def read_warc(stream: BinaryIO, location: str) -> Iterator[Article | InputProblem]:
    """Every article in a WARC file; a damaged file keeps the records before the damage."""
    try:
        for record in ArchiveIterator(stream):
            if not _is_html_page(record):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            record_id = record.rec_headers.get_header("WARC-Record-ID") or url
            body = record.content_stream().read()
            # warcio hands back a record cut off by the end of the file as if whole;
            # its length reader still has bytes to go.
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield InputProblem(location, f"truncated WARC: record {record_id} is cut "
                                             "off; records before it were kept")
                return
            yield from read_html(body, f"{location}#{record_id}", url=url, extras={
                "crawled": record.rec_headers.get_header("WARC-Date")})
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as error:
        yield InputProblem(location, f"damaged WARC ({type(error).__name__}: {error}); "
                                     "records before the damage were kept")
