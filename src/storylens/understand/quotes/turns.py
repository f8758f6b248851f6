"""Speaker turns of a transcript: paragraphs a speaker's name in capitals opens
("AMY GOODMAN: …", "JB: …", or "RACHEL MARTIN, HOST:" on a line of its own), and
the clips a podcast's transcript plays ("archived recording (mike pompeo) …").

Interviews and broadcasts an outlet prints as transcripts name whoever speaks at the
start of each turn, with no verb of saying and no quote marks, so the cue model,
which reads clauses, sees nothing to attribute; left alone, a guest's claims read as
the outlet's own. Each paragraph of a turn is the speaker's words, verbatim, until
the next label, a stage direction ("(SOUNDBITE OF ARCHIVED RECORDING)") or a
paragraph that reads as the writer's again (`_ends_turn`).

A label is a speaker only when it names a person the article names, since capitals
and a colon also open fact-check verdicts ("THE FACTS:") and news round-ups
("AIRLINES:"):
- a label of two words or more whose ending the parser found as a person elsewhere
  in the text ("SECRETARY OF STATE MIKE POMPEO" → "Mike Pompeo"), or, once another
  label names someone the text names, that opens two turns or more (the host and
  guests the prose never names);
- one word: the surname of a speaker labelled in full before ("MARTIN" after
  "RACHEL MARTIN, HOST") or of a person found in the text ("TRUMP" → "Donald
  Trump"); two or three letters: such a name's initials ("KL" for Kelvin Lee).
An article is read as a transcript, its unlabelled paragraphs going on with the turn
before, when labels name two speakers or more and open paragraphs densely
(`TRANSCRIPT_DENSITY`); elsewhere a label holds its own paragraph only.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, NamedTuple

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from ...model import Quote, Span
from ..entities import GENERIC_LEADERS, HONORIFICS, TITLE_WORDS

__all__ = ["is_speaker_label", "speaker_turns"]

_UPPER = "A-ZÀ-ÖØ-Þ"
_LABEL_WORD = rf"[{_UPPER}][{_UPPER}.'’-]*"
#: A paragraph opening with a name in capitals, maybe a role after a comma or a note
#: in brackets, and a colon ending the line or followed by the words spoken.
_LABEL = re.compile(
    rf"[^\S\n]*(?P<name>{_LABEL_WORD}(?:[^\S\n]+{_LABEL_WORD}){{0,5}})"
    rf"(?:,[^\S\n]*[{_UPPER}][{_UPPER} .'’-]*)?"
    r"(?:[^\S\n]*\([^)\n]{1,60}\))?[^\S\n]*:(?:[^\S\n]+(?=\S)|[^\S\n]*(?=\n|\Z))")
#: A clip played in a podcast's transcript (The New York Times' "The Daily"), and
#: whose voice it is when it is named: "archived recording (mike pompeo) What we …".
_CLIP = re.compile(r"\b(?P<mark>archived recording)(?: \d+)?(?: \((?P<name>[^)\n]{2,60})\))?"
                   r"[^\S\n]*")
#: How a paragraph of speech ends, and a list item's opening ("1. ").
_SENTENCE_END = frozenset(".!?…\"”’'")
_LIST_ITEM = re.compile(r"\d{1,2}[.)]\s")
#: Label words that name no one: verdicts, sections and question-and-answer marks.
_NOT_NAMES = frozenset({
    "the", "a", "an", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from",
    "fact", "facts", "myth", "myths", "claim", "claims", "truth", "reality", "verdict",
    "note", "update", "updated", "correction", "question", "answer", "q", "related",
    "read", "watch", "background", "source", "sources", "photo", "video", "editor's",
    "unidentified", "crowd", "audience", "announcer", "narrator", "host", "anchor"})
#: Words of a title before a name in a label ("SECRETARY OF STATE MIKE POMPEO",
#: "SEN. TED CRUZ"), compared without a closing full stop.
_TITLE_PARTS = TITLE_WORDS | HONORIFICS.keys() | {"of", "state", "defense", "u.s"}


def _is_title_part(word: str) -> bool:
    return word.rstrip(".") in _TITLE_PARTS


class _Label(NamedTuple):
    name: Span  # the name in capitals
    colon: Span
    words: tuple[str, ...]  # the name's words, lower case


def _words(text: str) -> tuple[str, ...]:
    words = (re.sub(r"['’]s$", "", w) for w in text.lower().split())
    return tuple(w for w in words if w)


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped."""
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = start + len(line) - len(line.lstrip())
            yield lead, lead + len(stripped)
        start += len(line) + 1


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[0].isalpha())


def _person_names(doc: Doc, labels: list[_Label]) -> list[tuple[str, ...]]:
    """The people named outside the labels, most named first: the parser's persons,
    and proper names after a title ("Mayor Ana Rivera"), which it often misreads."""
    names: list[DocSpan] = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    for token in doc:
        if token.lower_.rstrip(".") in TITLE_WORDS and token.i + 1 < len(doc):
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
            if end > token.i + 1:
                names.append(doc[token.i + 1:end])
    counts: Counter[tuple[str, ...]] = Counter()
    for name in names:
        if any(label.name.start <= name.start_char < label.colon.end for label in labels):
            continue
        words = tuple(w for w in _words(name.text) if not _is_title_part(w))
        if words:
            counts[words] += 1
    return [words for words, _ in counts.most_common()]


def _label_name(label: _Label, people: list[tuple[str, ...]],
                named: dict[tuple[str, ...], tuple[str, ...]], opens: int,
                in_transcript: bool) -> tuple[str, ...] | None:
    """The words of the person `label` names (see the module notes), or None."""
    words = label.words
    if any(w in _NOT_NAMES for w in words):
        return None
    if len(words) == 1:
        word = words[0]
        for name in [*named.values(), *people]:
            if len(name) > 1 and name[-1] == word:
                return name
        if 2 <= len(word) <= 3:
            matching = {name for name in [*named.values(), *people]
                        if len(name) > 1 and _initials(name) == word}
            if len(matching) == 1:
                return matching.pop()
        return None
    for k in range(len(words) - 1):
        ending = words[k:]
        if any(name[-len(ending):] == ending for name in people if len(name) >= len(ending)):
            return ending
    bare = tuple(w for w in words if not _is_title_part(w))
    if in_transcript and opens >= 2 and len(bare) >= 2:
        return bare
    return None


def _written(words: tuple[str, ...], text: str) -> str:
    """The name as the prose writes it, else in title case."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"
    for found in re.finditer(pattern, text, flags=re.IGNORECASE):
        if found.group()[0].isupper() and not found.group().isupper():
            return " ".join(found.group().split())
    return " ".join(w[:1].upper() + w[1:] for w in words)


#: The share of the paragraphs from the first speaker's label on that labels open,
#: from which an article is a transcript: interviews printed whole run 0.5–0.95 (a
#: guest's answer may take several paragraphs); commentary quoting a broadcast's
#: exchanges among its own paragraphs, 0.05–0.45.
TRANSCRIPT_DENSITY = 0.5


def _is_transcript(speakers: dict[int, tuple[str, ...]], paragraphs: int) -> bool:
    """Whether the labels naming `speakers` (paragraph index → name) make the
    article a transcript: two speakers or more, labels opening paragraphs densely."""
    if len(set(speakers.values())) < 2:
        return False
    return len(speakers) >= TRANSCRIPT_DENSITY * (paragraphs - min(speakers))


def _ends_turn(paragraph: str, speakers: Iterable[tuple[str, ...]]) -> bool:
    """Whether an unlabelled paragraph is no longer the turn's: a stage direction,
    or the writer's again, as where a broadcast's exchanges stand among commentary:
    a speaker named by surname alone ("Baldwin wasn't making …"; a host names a
    guest in full), a quotation, a line introducing the next excerpt:, a list item,
    a heading, a caption or a credit ("-- An exchange on Special Report")."""
    words = _words(re.sub(r"[^\w\s'’-]", " ", paragraph))
    surname_alone = any(word == name[-1] and (k == 0 or words[k - 1] != name[-2])
                        for name in speakers if len(name) > 1
                        for k, word in enumerate(words))
    return bool(paragraph[0] in "([\"“‘'-–—" or paragraph.endswith(":")
                or paragraph[-1] not in _SENTENCE_END or _LIST_ITEM.match(paragraph)
                or surname_alone)


def is_speaker_label(text: str) -> bool:
    """Whether `text` is a speaker's label alone ("RACHEL MARTIN, HOST:"), which says
    who speaks next and states nothing."""
    found = _LABEL.match(text)
    return found is not None and len(found.group("name").replace(".", "")) >= 2 \
        and not text[found.end():].strip()


def speaker_turns(doc: Doc, text: str) -> list[Quote]:
    """Every paragraph of a transcript's speaker turns and every named clip it plays,
    as that speaker's direct quote.

    Args:
        doc: the parsed article; text: its text (`Doc.text` joins every token anew).
    Returns:
        One `Quote` per paragraph or clip, in text order: kind "direct", the label's
        name as source, its colon or the clip's mark as cue (none for a turn's later
        paragraphs), and `speaker` already set to the name the label gives, which
        `understand.speakers` maps to the article's entity of that name.
    """
    return sorted(_labelled_turns(doc, text) + _played_clips(text),
                  key=lambda q: q.content.start)


def _played_clips(text: str) -> list[Quote]:
    """The clips a podcast's transcript plays with the speaker's name in brackets,
    "archived recording (mike pompeo) What we did …", up to the next clip or the
    paragraph's end; clips of unnamed voices ("archived recording 2") are left."""
    clips = list(_CLIP.finditer(text))
    found = []
    for k, clip in enumerate(clips):
        words = _words(clip.group("name") or "")
        while words and (_is_title_part(words[0]) or words[0] in GENERIC_LEADERS):
            words = words[1:]  # "president donald trump", "chief justice john roberts"
        if len(words) < 2 or not all(re.fullmatch(r"[^\W\d_][\w.'’-]*", w) for w in words):
            continue
        end = text.find("\n", clip.end())
        end = len(text) if end < 0 else end
        if k + 1 < len(clips):
            end = min(end, clips[k + 1].start())
        end = len(text[:end].rstrip())
        if end > clip.end():
            found.append(Quote(content=Span(clip.end(), end), kind="direct",
                               cue=Span(*clip.span("mark")), source=Span(*clip.span("name")),
                               speaker=_written(words, text)))
    return found


def _labelled_turns(doc: Doc, text: str) -> list[Quote]:
    """The paragraphs of the turns labels in capitals open (see the module notes)."""
    paragraphs = list(_paragraphs(text))
    labels: dict[int, _Label] = {}
    for n, (start, end) in enumerate(paragraphs):
        found = _LABEL.match(text, start)
        if found is None or len(found.group("name").replace(".", "")) < 2:
            continue
        colon = text.rindex(":", start, found.end())
        labels[n] = _Label(Span(*found.span("name")), Span(colon, colon + 1),
                           _words(found.group("name")))
    if not labels:
        return []
    people = _person_names(doc, list(labels.values()))
    # "RACHEL MARTIN, HOST" then "MARTIN": turns counted by the last word
    opens = Counter(label.words[-1] for label in labels.values())
    named: dict[tuple[str, ...], tuple[str, ...]] = {}
    speakers: dict[int, tuple[str, ...]] = {}
    # a second pass once a label names someone the text names: the transcript's
    # other speakers may be named by their labels alone
    for in_transcript in (False, True):
        named.clear()
        for n, label in labels.items():
            name = _label_name(label, people, named, opens[label.words[-1]], in_transcript)
            if name is not None:
                speakers[n] = named[label.words] = name
        if not speakers:
            break
    transcript = _is_transcript(speakers, len(paragraphs))
    names = set(speakers.values())
    found: list[Quote] = []
    turn: tuple[_Label, str] | None = None
    alone = False  # the label stood on a line of its own: the next paragraph is its
    for n, (start, end) in enumerate(paragraphs):
        cue: Span | None = None
        if n in labels:
            label = labels[n]
            turn = (label, _written(speakers[n], text)) if n in speakers else None
            start, cue = label.colon.end, label.colon
            while start < end and text[start].isspace():
                start += 1
            alone = start >= end
        elif alone and turn is not None:
            cue, alone = turn[0].colon, False
        elif not transcript or turn is None or _ends_turn(text[start:end], names):
            turn = None
            continue
        if turn is None or start >= end:
            continue
        found.append(Quote(content=Span(start, end), kind="direct", cue=cue,
                           source=turn[0].name, speaker=turn[1]))
    return found
