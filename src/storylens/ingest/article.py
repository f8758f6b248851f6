"""Turn what a reader pulled out of an input into an `Article`.

Every input kind (text, HTML, JSON Lines, WARC, feeds) ends here, so cleaning,
metadata fill-in and id assignment happen once, the same way for all of them.
"""

from __future__ import annotations

import re
from typing import Any, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Article, InputProblem, article_id
from .clean import clean_text, repair_mojibake
from .dates import parse_published

#: Longest clean text accepted for one article. spaCy refuses more than 1,000,000
#: characters by default, and no news article comes near it: such input is a dump.
MAX_ARTICLE_CHARS = 1_000_000

_TRACKING_PARAM = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$|cmpid$|smid$)")


def canonical_url(url: str | None) -> str | None:
    """The URL without fragment and tracking parameters, so one page has one id."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAM.match(k)]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain from an article URL ("www.reuters.com" -> "reuters.com")."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def _clean_field(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v).strip() for v in value if str(v).strip())
    text = " ".join(repair_mojibake(str(value)).split())
    return text or None


#: A link copy-paste tracking scripts append to copied text ("… Read more at:
#: http://www.example.com/article/…#ixzz3a8YDrFCj": 24 titles of the AllSides corpus).
_COPIED_LINK = re.compile(r"\s*\bRead more(?: at)?:\s*\S+$", re.IGNORECASE)


def _clean_title(value: Any) -> str | None:
    text = _clean_field(value)
    return (_COPIED_LINK.sub("", text) or None) if text else None


#: Words a title needs to be taken for a headline run into the first paragraph.
MIN_RUN_IN_TITLE_WORDS = 4


def _without_repeated_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that repeats the title as a headline does,
    with no full stop (a scraped page's own headline), nor the page furniture and
    headline run into a first paragraph before the deck: the title is the article's
    already, as a text file's first line is taken for it, and as body text it would
    pass for a statement. A title that is a sentence (ECB+ gives a document's first
    sentence as its title) stays in the text, as does a text that is nothing else."""
    first, _, rest = text.partition("\n\n")
    if (title and rest.strip() and not first.rstrip().endswith(".")
            and " ".join(first.split()).casefold() == title.casefold()):
        return rest
    # Politico's pages run a photo's caption, its credit and the section's name into
    # the headline and the deck (638 articles of the AllSides corpus), others the
    # headline into the deck or the dateline (ABC News, Salon, HuffPost: about 100):
    # what follows the headline stays. A title quoted in the prose is no headline, nor
    # a title that is a sentence, nor one the text goes on from in mid-sentence.
    at = first.find(title) if title and len(title.split()) >= MIN_RUN_IN_TITLE_WORDS \
        and not title.rstrip().endswith(".") else -1
    after = first[at + len(title):] if at >= 0 else ""
    starts_a_word = at == 0 or at > 0 and first[at - 1].isspace()
    goes_on = not after or after[:1].isspace() and after.lstrip()[:1].isupper()
    if starts_a_word and goes_on and (rest.strip() or after.strip()):
        deck = after.strip()
        return f"{deck}\n\n{rest}".strip() if deck else rest
    return text


def build_article(raw_text: str, *, location: str, id: str | None = None,
                  title: str | None = None, outlet: str | None = None,
                  author: Any = None, published: Any = None, url: str | None = None,
                  extras: Mapping[str, Any] | None = None) -> Article | InputProblem:
    """Clean `raw_text` and assemble an `Article`, or say why there is none.

    Metadata given by the input wins; what the text itself states (an "Author:"
    line, "Posted on <date>", a dateline) fills the gaps; the outlet falls back to
    the URL's domain. Nothing else is guessed.
    """
    cleaned = clean_text(raw_text, author=_clean_field(author))
    if not cleaned.text.strip():
        return InputProblem(location, "no article text found")
    if len(cleaned.text) > MAX_ARTICLE_CHARS:
        return InputProblem(
            location,
            f"article text too long ({len(cleaned.text):,} characters; "
            f"limit {MAX_ARTICLE_CHARS:,}): not a single article")
    url = canonical_url(url)
    title = _clean_title(title)
    text = _without_repeated_title(cleaned.text, title)
    all_extras = dict(extras or {})
    all_extras.update({k: v for k, v in cleaned.extras.items() if k not in all_extras})
    return Article(
        id=str(id).strip() if id not in (None, "") else article_id(
            url=url, title=title, text=text),
        text=text,
        title=title,
        outlet=_clean_field(outlet) or outlet_from_url(url),
        author=_clean_field(author) or cleaned.author,
        published=parse_published(published) or cleaned.published,
        url=url,
        location=location,
        extras=all_extras,
    )
