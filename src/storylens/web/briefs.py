"""Story analyses for the web, computed once per version of a story and kept in memory.

Analysing a story (aligning statements, corroboration, ...) costs far more than
serving a page, and a story only changes when articles join it; so each analysis is
cached under its story id and member ids, and a story that grew is analysed anew.
The brief's HTML is `render.html.brief_fragment`, its citations leading to the
cited sentence on the article page; should rendering fail, the story page still
shows its articles and who said what.
"""

from __future__ import annotations

import collections
import logging
import threading
from dataclasses import dataclass, field

from markupsafe import Markup

from ..compare.brief import analyse_story
from ..compare.quotes import quotes_by_speaker
from ..model import AnnotatedArticle, Quote, Story, StoryAnalysis
from ..render.brief import outlets_phrase
from ..render.html import brief_css, brief_fragment
from ..store import Store
from .urls import article_url


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoryBrief:
    """What the story page shows: the analysis and, when rendered, the brief's HTML.

    `pages` keeps what the web app rendered from this brief (a brief never changes:
    a story that gains articles gets a new one).
    """

    analysis: StoryAnalysis
    fragment: Markup | None
    pages: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @property
    def story(self) -> Story:
        return self.analysis.story

    @property
    def articles(self) -> tuple[AnnotatedArticle, ...]:
        return self.analysis.articles

    @property
    def outlet_count(self) -> str:
        """How many outlets tell the story, unnamed sources said apart."""
        return outlets_phrase(a.article for a in self.articles)

    def speaker(self, article_id: str, local_name: str | None) -> str | None:
        """The story-wide name of an article's speaker."""
        if local_name is None:
            return None
        return self.analysis.speakers.get((article_id, local_name), local_name)

    def quotes_by_speaker(self) -> list[tuple[str, list[tuple[AnnotatedArticle, Quote]]]]:
        """Who said what across the story (`compare.quotes.quotes_by_speaker`)."""
        return quotes_by_speaker(self.articles, self.analysis.speakers)


def analyse(story: Story, articles: list[AnnotatedArticle]) -> StoryBrief:
    """The brief of one story: its analysis and the brief's HTML."""
    analysis = analyse_story(story, articles)
    fragment = None
    try:
        fragment = Markup(brief_fragment(analysis, lambda s: article_url(s.article_id,
                                                                         s.start, s.end)))
    except Exception:  # the page still shows the story's articles and quotes
        log.exception("story %s: the brief could not be rendered", story.id)
    return StoryBrief(analysis, fragment)


class BriefCache:
    """Story briefs by (story id, member ids), the least recently used dropped first."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._briefs: collections.OrderedDict[tuple, StoryBrief] = collections.OrderedDict()
        self._lock = threading.Lock()

    def peek(self, story: Story) -> StoryBrief | None:
        """The story's brief when it is cached, else None."""
        key = (story.id, story.article_ids)
        with self._lock:
            brief = self._briefs.get(key)
            if brief is not None:
                self._briefs.move_to_end(key)
            return brief

    def get(self, store: Store, story: Story) -> StoryBrief:
        brief = self.peek(story)
        if brief is not None:
            return brief
        # Analysed outside the lock: two threads may both analyse a new story, and
        # the same result is kept.
        brief = analyse(story, list(store.annotated(story.article_ids)))
        with self._lock:
            self._briefs[(story.id, story.article_ids)] = brief
            while len(self._briefs) > self.size:
                self._briefs.popitem(last=False)
        return brief
