"""Ingest: inputs (files, directories, URLs, feeds) -> `Article`s.

`read` is the one entry point. It walks directories, recognises each file's kind by
its content (extension only breaks ties), undoes gzip, and hands the bytes to the
reader for that kind. A bad input becomes an `InputProblem` in the stream and never
stops the inputs after it.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..model import Article, InputProblem
from .fetch import Fetcher
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .sniff import Kind, sniff
from .text import read_text
from .warc import read_warc
from .web import read_url

__all__ = ["read", "read_path", "read_stream", "Fetcher"]

#: Largest single file read whole (text, HTML, feed). JSON Lines and WARC stream, so
#: their size is not limited; a bigger text file is not one article.
MAX_DOCUMENT_BYTES = 20_000_000


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _walk(path: Path) -> Iterator[Path]:
    """Files under `path` in a stable order, skipping hidden files and folders."""
    for root, dirs, files in os.walk(path, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read(inputs: Iterable[str], *, fetcher: Fetcher | None = None
         ) -> Iterator[Article | InputProblem]:
    """Every article in `inputs` (paths or http(s) URLs), in order.

    Without a `fetcher`, URLs are refused; feed entries that carry only a summary
    then cannot be completed either.
    """
    for value in inputs:
        if _is_url(value):
            if fetcher is None:
                yield InputProblem(value, "URLs need a fetcher (network ingestion is off)")
            else:
                yield from read_url(value, fetcher)
            continue
        path = Path(value)
        if path.is_dir():
            for file in _walk(path):
                yield from read_path(file, fetcher=fetcher)
        else:
            yield from read_path(path, fetcher=fetcher)


def read_path(path: Path, *, fetcher: Fetcher | None = None
              ) -> Iterator[Article | InputProblem]:
    """Every article in one file; problems are reported, never raised."""
    location = str(path)
    try:
        with open(path, "rb") as raw:
            yield from read_stream(raw, location, path.name, fetcher=fetcher)
    except FileNotFoundError:
        yield InputProblem(location, "no such file or directory")
    except IsADirectoryError:
        yield InputProblem(location, "is a directory")
    except PermissionError:
        yield InputProblem(location, "permission denied")
    except OSError as error:
        yield InputProblem(location, f"cannot read ({error.strerror or error})")


def read_stream(raw: BinaryIO, location: str, name: str, *,
                fetcher: Fetcher | None = None) -> Iterator[Article | InputProblem]:
    """Every article in one seekable binary stream named `name` (a file's bytes from
    anywhere: a local file, an object store); problems are reported, never raised."""
    try:
        head = raw.read(8192)
        raw.seek(0)
        compressed = head[:2] == b"\x1f\x8b"
        stream = gzip.GzipFile(fileobj=raw) if compressed else raw
        if compressed:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
        kind = sniff(head, name)
        if kind is Kind.WARC:
            # warcio undoes gzip member by member itself.
            raw.seek(0)
            yield from read_warc(raw, location)
        elif kind is Kind.JSONL:
            lines = io.TextIOWrapper(stream, encoding="utf-8", errors="strict")
            yield from _guard_stream(read_jsonl(lines, location), location)
        else:
            yield from _read_document(stream, kind, location, fetcher)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield InputProblem(location, f"corrupt or truncated gzip data ({error})")


def _guard_stream(items: Iterator[Article | InputProblem], location: str
                  ) -> Iterator[Article | InputProblem]:
    """Pass a streamed reader's items through, ending with one problem on a bad stream.

    Whatever was read before the damage (a truncated .gz, a bad byte) is kept.
    """
    try:
        yield from items
    except UnicodeDecodeError as error:
        yield InputProblem(location, f"not valid UTF-8 (byte 0x{error.object[error.start]:02x})"
                                     " after the lines above; rest of file skipped")
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield InputProblem(location, f"corrupt or truncated gzip data ({error}); "
                                     "articles before the damage were kept")


def _read_document(stream, kind: Kind, location: str, fetcher: Fetcher | None
                   ) -> Iterator[Article | InputProblem]:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield InputProblem(location, f"larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB:"
                                     " too large for one article")
        return
    if kind is Kind.EMPTY or not data.strip():
        yield InputProblem(location, "empty file")
    elif kind is Kind.BINARY:
        yield InputProblem(location, "binary data, not an article (unrecognised format)")
    elif kind is Kind.HTML:
        yield from read_html(data, location)
    elif kind is Kind.FEED:
        yield from read_feed(data, location, fetcher)
    else:
        text = _decode_text(data, location)
        if isinstance(text, str):
            yield from read_text(text, location)
        else:
            yield text


def _decode_text(data: bytes, location: str) -> str | InputProblem:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM; anything else is refused.

    Guessing a legacy code page silently corrupts names and quotes, so text files
    must say what they are; HTML declares its own charset and is decoded by it.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return InputProblem(location, "invalid UTF-16 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return InputProblem(
            location, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start});"
            " convert the file to UTF-8")
