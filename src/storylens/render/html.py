"""The HTML brief: a self-contained report, and the same brief as a page fragment.

One Jinja2 template (`templates/brief.html`) renders a story's brief; the report
page (`templates/report.html`) and the web app's story page both embed it, and its
stylesheet (`templates/brief.css`) is inlined in the report or served by the web app
as a static file. Autoescaping is on: every piece of article text and metadata is
escaped, and an article's URL becomes a link only when it is http(s).

Citations need no JavaScript, so the brief works under a Content-Security-Policy
without script: a citation is a link to the cited sentence, highlighted in its
paragraph in the "Sources in context" appendix (`:target`), and hovering or focusing
it shows the same passage as a CSS popover. Print keeps the appendix, so nothing
hidden is lost on paper.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import Statement, StoryAnalysis
from .brief import (STATUS_LABELS, Brief, around, bare_quote, by_source, clip, date_label,
                    first_words, last_words)


def anchor_prefix(analysis: StoryAnalysis) -> str:
    """The prefix of a brief's element ids: unique per story, safe in an id and a URL."""
    return "sl-" + re.sub(r"[^A-Za-z0-9_-]+", "-", analysis.story.id)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' environment: autoescaped, strict about undefined names."""
    env = Environment(loader=PackageLoader("storylens.render", "templates"),
                      autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(bare_quote=bare_quote, clip=clip, first_words=first_words,
                       last_words=last_words)
    env.globals.update(STATUS_LABELS=STATUS_LABELS, around=around, by_source=by_source,
                       date_label=date_label)
    return env


def brief_css() -> str:
    """The brief's stylesheet, for the web app to serve as a static file."""
    env = environment()
    return env.loader.get_source(env, "brief.css")[0]


def brief_fragment(analysis: StoryAnalysis,
                   statement_href: Callable[[Statement], str] | None = None) -> str:
    """One story's brief as an HTML fragment (an <article>), to embed in a page that
    links `brief_css()`.

    `statement_href` gives the URL of a cited statement in its article (the web
    app's article page); citations then lead there instead of to the brief's own
    appendix of sources, where each passage links to it too.
    """
    macro = environment().get_template("brief.html").module.brief
    return str(macro(Brief(analysis, statement_href), anchor_prefix(analysis)))


def render_html(analyses: Iterable[StoryAnalysis], title: str = "storylens report") -> str:
    """A self-contained HTML report of the story briefs: inline CSS, no script, no
    remote resource."""
    briefs = [(Brief(a), anchor_prefix(a)) for a in analyses]
    return environment().get_template("report.html").render(
        title=title, briefs=briefs, css=Markup(brief_css()))
