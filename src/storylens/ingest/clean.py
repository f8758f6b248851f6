"""Cleaning scraped article text, once, at ingest.

Scrapers leave debris in and around the article: cross-promotion blocks dropped
mid-article, correction and share footers, author bios, "Posted on" / Category / Tags
lines, Markdown link syntax, photo captions and their credits, sentences broken
across blank lines and sentences run together with no space between them. Every later
offset points into the text this module returns, so it must keep every sentence of
the article proper and remove only what has clear evidence of being debris.

The rules are general patterns over lines and paragraphs (no site-specific strings),
run in one linear pass each. Metadata found in removed lines (a date, an author,
tags) is returned, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import ftfy

from .dates import certain_date


@dataclass(frozen=True)
class CleanedText:
    """Clean text plus the metadata found in (and removed from) the raw text."""

    text: str
    author: str | None = None
    published: dt.date | None = None
    extras: dict[str, Any] = field(default_factory=dict)


# -- characters and Markdown ---------------------------------------------------

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The letters UTF-8 read as Latin-1 or Windows-1252 starts its mojibake with
#: ("Obama’s" once or twice garbled: "ObamaÃ¢â‚¬â„¢s"; 273 AllSides titles): a
#: cheap test before ftfy's repair.
_MOJIBAKE_LEAD = re.compile("[ÃÂâ]")


def repair_mojibake(text: str) -> str:
    """`text` with text garbled by a wrong decoding (UTF-8 read as Latin-1 or
    Windows-1252, once or more) decoded right, by ftfy's `fix_encoding`; nothing
    else changes (curly quotes stay curly: they tell a quote's opening from its
    close)."""
    return ftfy.fix_encoding(text) if _MOJIBAKE_LEAD.search(text) else text


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
# [text](target) -> text; the target may hold one level of parentheses.
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
#: A sentence end run into the next sentence: a lower-case word, its full stop (and
#: closing quote), a capitalised word. An upper-case letter before the stop is an
#: abbreviation ("U.S.Army"), left alone.
_RUN_TOGETHER = re.compile(r"(?<=[a-z]{2}[.!?])([\"“”’]?)(?=[A-Z][a-z])")
_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)

# -- whole lines that carry metadata or are boilerplate -------------------------

_DATE_LINE = re.compile(
    r"^(?:posted|published|first published|originally published)(?:\s+on)?\s*:?\s+(.{6,60})$",
    re.IGNORECASE)
_UPDATED_LINE = re.compile(r"^(?:last\s+)?updated(?:\s+on)?\s*:?\s+(.{6,60})$", re.IGNORECASE)
_TAXONOMY_LINE = re.compile(
    r"^(categor(?:y|ies)|tags?|tagged(?: with)?|filed under|topics?|section)\s*:\s*(.*)$",
    re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:by|author|authors|written by|reporting by|words by)\s*:?\s+(.{3,120})$",
    re.IGNORECASE)
#: Words allowed inside a byline name besides capitalised words.
_NAME_JOINERS = {"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "bin",
                 "al", "el", "of", "in", "for", "the", "y"}
_PROMO_MARKER = re.compile(
    r"^(?:other topics of interest|related(?: articles?| stories| coverage| content|"
    r" posts| reading| news| links)?|read (?:more|also|next)(?: on .{1,40})?|also read|"
    r"see also|more (?:from|on) .{1,40}|you (?:may|might) also (?:like|be interested in)|"
    r"recommended(?: for you| reading| stories)?|most (?:popular|read|viewed)|"
    r"trending(?: now| stories)?|don'?t miss|editor'?s picks?|top stories|"
    r"(?:sponsored|promoted|partner) (?:content|stories))\s*:?$",
    re.IGNORECASE)
#: Advertisement slots and media placeholders (a line "Photo" or "Video" where a
#: picture or player stood: 50 articles of the New York Times in the AllSides
#: corpus open with one): the line alone goes, nothing around it.
_AD_LINE = re.compile(r"^(?:(?:advertisement|advertising|ad|sponsored)"
                      r"(?:\s*[-–—:]\s*(?:scroll|continue|story continues)[\w ]*)?"
                      r"|photo|video|audio|graphic|interactive|slideshow)$",
                      re.IGNORECASE)
#: Footers: corrections, feedback, sharing, subscribing, copyright, navigation.
_FOOTER_PATTERNS = [
    r"suggest a correction", r"ctrl\s*\+\s*enter", r"report an? (?:error|typo)",
    r"^to report an? (?:error|typo)", r"^(?:share|tweet|email|print) (?:this|on)\b",
    r"^share(?: this)?(?: article| story)?\s*:?$", r"sign up for (?:our|the) .{0,40}newsletter",
    r"^subscribe\b", r"^(?:copyright|\(c\)|©)", r"all rights reserved", r"^click here\b",
    r"^(?:follow|like) us on\b", r"^read more\s*:", r"^(?:comments?|leave a comment)\s*$",
    r"^we (?:welcome|value) your (?:feedback|comments)", r"^have a (?:news )?tip\b",
    r"^contact the (?:author|writer|newsroom)\b", r"\(?email protected\)?",
    # a wire story's tail: separators, the funding disclosure, where to follow the
    # coverage, a correction or update notice, an editor's note
    r"^[_*=~—–-]{3,}$", r"\bsolely responsible for (?:all|this|its) content\b",
    r"^follow\b.{0,80}\b(?:at|on)\s+(?:https?://|www\.)",
    r"^this (?:story|article|report|version) (?:has been |was )?(?:corrected|updated|"
    r"corrects|clarifies)\b", r"^editor['’]s note\b",
]
_FOOTER = re.compile("|".join(f"(?:{p})" for p in _FOOTER_PATTERNS), re.IGNORECASE)
#: Footers so specific that they are debris wherever they stand; among them notices
#: about the article rather than the event, at its head as often as at its tail: a
#: correction ("Corrections & Clarifications: An earlier version of this story
#: misstated …", "Correction 11/19: …", 303 in the AllSides corpus), an editor's note
#: ("Editor's note: The following commentary originally appeared in …", a columnist's
#: bio, a paywall notice; 431, a quarter of them opening the article), a transcript's
#: disclaimer (Democracy Now's, NPR's), a share form's confirmation.
_STRONG_FOOTER = re.compile(
    r"ctrl\s*\+\s*enter|suggest a correction|\(?email protected\)?"
    r"|^(?:corrections?|clarifications?)(?:\s*(?:and|&)\s*(?:clarifications?|amplifications?))?"
    r"(?:\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?)?\s*(?::|$)"
    r"|^an? (?:earlier|previous|prior) version of this (?:story|article|report|piece)\b"
    r"|^editor['’]s note\s*(?:[:—–-]|$)"
    r"|^this is a rush transcript\b|^copy may not be in its final form"
    r"|^(?:\w+ ){1,3}transcripts are (?:created|produced) on a rush deadline\b"
    r"|^your message has been sent successfully",
    re.IGNORECASE)
#: The signature closing a post quoted from a social network, "— Name (@handle)
#: May 12, 2020": what someone said, not a link to the author's account
#: (`understand.quotes` gives the post to the name).
EMBEDDED_POST = re.compile(r"(?P<dash>[—–-])\s*(?P<name>[^—–\n]{1,80}?)\s*\(@\w{1,30}\)\s+"
                           r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}\s*$")
_SOCIAL = re.compile(
    r"(?:^|\s)@\w{2,}|follow (?:him|her|them|us|me) on|on (?:twitter|x|facebook|instagram|"
    r"linkedin|threads|bluesky|mastodon)\b", re.IGNORECASE)
#: A wire dateline opening a paragraph: a place in capitals (four words at most: a
#: longer run of capitals is a run-in subhead, "HE'S BEEN CALLED OUT BY FELLOW
#: DOCTORS —"), its state or country, perhaps a date (Reuters gives no year) and the
#: agency, then a dash ("LIVINGSTON, N.J. —", "WASHINGTON (AP) --", "LISBON, March 4,
#: 2025 (Atlas News) —", "PARIS, March 4 (Reuters) -", two places of one report
#: "WASHINGTON/TALLAHASSEE, Fla. (Reuters) -"). `understand` reads it too: the
#: place is never a speaker, nor the dateline part of what a source said.
#: CNN's own form, a place in running case or none, the name in brackets and
#: no dash ("Washington (CNN) President …", "Paris, France (CNN) French …", "(CNN)
#: Protesters …": 1,100 articles of the AllSides corpus): only CNN's name, as "Rep.
#: Jim Jordan (R-Ohio) Tuesday" or "Facebook (FB) CEO …" open prose the same way.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*){0,3} ?(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,?\s*"
    r"(?:(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*)?"
    r"(?:\((?P<agency>[^()\n]{1,40})\)\s*)?(?:—|–|--?)\s"
    r"|(?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3},? )?\((?P<network>CNN(?: Business)?)\)"
    r"(?:\s*(?:—|–|--?))?\s*(?=[A-Z“\"‘']))")


def past_dateline(text: str, start: int) -> int:
    """`start`, or the end of the wire dateline opening its paragraph there
    ("PORTVALE, March 4 (Meridian Press Agency) — "): where the story was filed is
    the outlet's, neither part of what a source said nor of what the outlet states."""
    if start and text[start - 1] != "\n":
        return start
    dateline = DATELINE.match(text, start)
    return dateline.end() if dateline else start

# -- photo captions --------------------------------------------------------------

#: A photo credit closing a caption: "REUTERS/Mike Blake", "REUTERS/Yuri Gripas/File
#: Photo", "REUTERS/Kevin Lamarque – RC19CEF89570" (a picture's id), "(AP Photo/Evan Vucci)",
#: "(Photo: Andy Wong/AP)", "Saul Loeb/AFP/Getty Images", "Credit... Pool photo by …",
#: "Photo by Justin Sullivan/Getty Images.", "(Hennepin County Sheriff's Office via
#: AP)", "(Tom Williams/CQ Roll Call file photo)", "(Carolyn Kaster/AP Photo)".
#: "Reuters/Ipsos poll." is no credit: the agency signs in capitals.
_PHOTO_CREDIT = re.compile(
    r"(?:\(?\bREUTERS/\s*(?:[A-Z][\w.'’ -]*)?(?:/[A-Za-z][\w.'’ -]*)*"
    r"(?:\s*[–-]\s*RC[A-Z0-9]{8,12}(?:/File [Pp]hoto)?)?\)?"
    r"|\((?:AP |AFP |Reuters )?[Pp]hotos?(?:/|:|\s+by\b)[^()]*\)"
    r"|\([^()/]{1,60}(?:/[^()/]{1,40})+?\s(?:[Ff]ile )?[Pp]hotos?\)"
    r"|\([^()]{1,80}\bvia (?:AP|AFP|Reuters|Getty Images)\)"
    r"|/(?:AFP|AP|Getty Images|EPA|Bloomberg|Reuters)(?: via Getty Images)?"
    r"|\bCredit\.{2,}.*"
    r"|^(?:[Pp]hoto(?:graph)?s?|[Ii]mages?)\s+(?:by|credit)\b.*)\.?\s*$")
#: A credit opening a caption: "Caitlin Ochs/Reuters Lydia Hassebroek, who …".
_LEADING_PHOTO_CREDIT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s){1,4}?[A-Z][\w.'’-]*/(?:AP|AFP|Reuters|Getty Images|EPA|Bloomberg)"
    r"(?:/Getty Images)?(?:\s|$)")
#: A credit set off by a bar after the caption, the page's headline and dek often run on
#: after it ("Wray served … from 2003 to 2005. | AP Photo Trump taps …", "… | Getty",
#: "Saul Loeb | AFP | Getty Images": Politico, The Hill and CNBC, 513 paragraphs in the
#: AllSides corpus, none of them prose).
_BARRED_PHOTO_CREDIT = re.compile(
    r"\s\|\s(?:[A-Z][\w.'’-]*\s){0,3}?(?:AP|AFP|Getty(?: Images)?|Reuters|EPA|Bloomberg)"
    r"(?: [Pp]hotos?| [Ii]mages?)?(?:/[^|\n]{0,40})?(?=\s|$)")
#: A link to another article, a paragraph of its own: a headline closed by "Read
#: more" ("Who is Christopher Wray, Trump's pick to replace Comey? Read more": The
#: Guardian, 831 in the AllSides corpus) or opened by a label ("SEE ALSO: …",
#: "Related: …", "READ MORE: …", "WATCH: …": about 1,000 more; USA TODAY's "More: …",
#: 1,411; "Photos: …", "Full Coverage: …", "SLIDESHOW: … >>>", "LISTEN:" alone, about
#: 1,100; the New York Post's "see also <headline> <its first words>...", with no
#: colon).
_RELATED_LINK = re.compile(
    r"\bRead more\s*$|^(?:SEE ALSO|ALSO READ|READ MORE|Read [Mm]ore|RELATED|Related|WATCH|"
    r"Watch|See [Aa]lso|More|MORE|Read|READ|Photos|PHOTOS|Full [Cc]overage|FULL COVERAGE|"
    r"Video|VIDEO|Slideshow|SLIDESHOW|Gallery|GALLERY|Listen|LISTEN)\s*:(?:\s*\S|\s*$)"
    r"|^see also\s")
#: Such a link in brackets inside a paragraph: "… for personal travel. (RELATED: West
#: Virginia's Highest Court Shattered By Corruption Indictment)" (The Daily Caller:
#: 288 of 296 in the AllSides corpus).
_INLINE_LINK = re.compile(r"\s*\((?:RELATED|READ MORE|SEE ALSO|WATCH)\s*:[^()\n]{0,200}\)")
#: Words of such a link at most: a headline's.
_RELATED_LINK_WORDS = 30
#: A video player's caption box, a paragraph of its own: "CLOSE <caption> <credit>"
#: (Gannett papers: 567 paragraphs in the AllSides corpus, 532 of them USA TODAY's),
#: or "CLOSE" alone; a shouted headline ("CLOSE CALL FOR …") is not one, a caption
#: opening with capitals is ("CLOSE AR-15-style rifles …", "CLOSE USA TODAY's …").
_VIDEO_CAPTION = re.compile(r"CLOSE(?:$|\s+(?![A-Z]{2,}\s+[A-Z]{2,}\s+[A-Z]{2,}\b)[A-Z0-9“\"‘'])")
#: A caption saying what the picture shows: "This undated photo provided by the
#: police shows …", "In this file photo taken on March 9, 2020, …", "This
#: combination of photos released by … shows …" (56 paragraphs in the AllSides corpus,
#: all captions; "This photo is going around" and "This image of X appears on …" are
#: prose).
_PHOTO_DESCRIPTION = re.compile(
    r"(?:In )?[Tt]his (?:[\w-]+ ){0,3}(?:photos?|images?|picture|photograph|frame grab|"
    r"video grab|screen ?grab|screenshot)(?:\s+(?:provided|released|taken|issued|posted|"
    r"captured|made|obtained|from|shows?|showing)\b|,)")
#: A video embed's title: "Play Video 1:11 'These children are not animals': US house
#: decries separation policy – video", or after the share buttons, "Facebook Twitter
#: Pinterest … – video" (The Guardian: all 99 paragraphs ending so in the AllSides
#: corpus, quoted headlines of other pieces).
_VIDEO_EMBED = re.compile(r"Play Video \d{1,2}:\d\d\s|(?:Facebook Twitter Pinterest\s)?"
                          r".{1,300}\s[–-]\s(?:video|audio)$")
#: An image widget's text ("Enlarge this image toggle caption …").
_IMAGE_WIDGET = re.compile(r"^(?:enlarge this image|toggle caption)\b", re.IGNORECASE)
#: A photo gallery's captions, each ending "Hide Caption 3 of 18" (CNN: 676
#: paragraphs in the AllSides corpus, photos of other days and other people).
_GALLERY_CAPTION = re.compile(r"\bHide Caption \d+ of \d+\b")
#: A video player's text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH
#: <title> 01:51" (CNN: 4,949 in the AllSides corpus; one inside a paragraph of prose).
_VIDEO_WIDGET = re.compile(r"JUST WATCHED (?P<title>.+?) Replay More Videos \.\.\. MUST WATCH"
                           r"(?: (?P=title))?(?: \d{1,2}(?::\d\d){1,2})?")
#: A name's hover card run into the prose (The Hill: 6,614 in the AllSides corpus):
#: after the name as printed, the person's full name glued to the headlines of other
#: stories about them, then "MORE" ("President Trump Donald John TrumpGOP senators
#: balk at … MORE on Friday signed …", "Mayor Bill de Blasio Bill de BlasioThe Hill's
#: 12:30 Report … MORE (D)"). The name as printed stays.
_NAME_CARD = re.compile(r"(?<![\w'’.-])(?P<surname>[A-Z][\w'’.-]*[a-z][\w'’.-]*) "
                        r"(?:\(?(?:[A-Z][\w'’.-]*|de|del|della|da|di|du|van|von|der|den|la|le"
                        r"|bin|ibn|al|el)\)? ){0,4}?(?P=surname)(?=[A-Z0-9‘'\"“])"
                        r"[^\n]{0,700}? MORE(?![A-Za-z])")
#: The same card set off by a space (118 more in the AllSides corpus: "Speaker Paul
#: Ryan Paul Davis Ryan Retirees should say … MORE (R-Wis.)"), known by the given
#: name printed again, as a space alone would let a headline pass for the name's
#: last word.
_SPACED_NAME_CARD = re.compile(
    r"(?<![\w'’.-])(?P<given>[A-Z][\w'’.-]*) (?P<surname>[A-Z][\w'’.-]*[a-z][\w'’.-]*) "
    r"(?P=given) (?:\(?[A-Z][\w'’.-]*\)? ){0,3}(?P=surname) (?=[A-Z0-9‘'\"“])"
    r"[^\n]{0,700}? MORE(?![A-Za-z])")
#: A summary box's bullets run together ("Story highlights Obama cancels military
#: exercises with Egypt, says U.S. might take further steps"; CNN: 1,085 in the
#: AllSides corpus): headlines of what the body tells, with no sentence ends, so
#: "GOP Rep. King says Lawmakers continue to talk" gave King the next bullet. The
#: other bullets follow as paragraphs of their own (`_drop_summary_boxes`).
#: So is an explainer box, one paragraph: its kind, its title, the "Show Hide" toggle
#: and its text ("Quick guide What you need to know about the inquiry Show Hide …";
#: The Guardian: 60 in the AllSides corpus, the same boxes in article after article).
_SUMMARY_BOX = re.compile(
    r"^Story highlights\b|^(?:Quick guide|Q&A|Timeline|Profile|Explainer)\b.{0,200}? Show Hide ")
#: Words a caption has at most: one or two sentences about the picture.
_CAPTION_WORDS = 70
#: A newsletter's sign-up box. The form's own words mark it at any length (Time's
#: lists every country of the world: 434 words); a call to sign up ("Get the Monitor
#: Stories you care about delivered to your inbox.", "Sign up for Daily Newsletters")
#: only in a paragraph no longer than a caption, since prose tells of people who
#: "sign up" for things. 5,292 paragraphs in 5,212 articles of the AllSides corpus.
_SIGN_UP_FORM = re.compile(
    r"\b(?:you (?:may|can) unsubscribe|(?:in)?valid email address|by signing up,? you agree"
    r"|choose your country)\b", re.IGNORECASE)
_SIGN_UP_CALL = re.compile(
    r"\bsign(?:ing)? up\b[^.!?]{0,80}\bnewsletters?\b|\bnewsletters?\b[^.!?]{0,80}"
    r"\bsign(?:ing)? up\b|\b(?:delivered|sent)\b[^.!?]{0,40}\b(?:to|in) your (?:e-?mail )?"
    r"inbox\b|\bsign up (?:for free )?(?:right )?here\b|\bsign up\b[^.!?]{0,80}[.!?]\s*submit$",
    re.IGNORECASE)
#: Fewest words of a paragraph whose immediate repeat marks a picture: its alt text
#: and its caption, scraped one after the other (shorter repeats are other debris).
_REPEATED_CAPTION_WORDS = 8
#: Repeated captions that make a gallery, and the most paragraphs between two of
#: them that are the gallery's too (captions scraped once).
_GALLERY_REPEATS = 3
_GALLERY_GAP = 4
#: A short paragraph closing on its own date after a comma ("… speaks in Carroll,
#: Iowa, Dec. 1, 2019.", or with its credit after it, "(Shealah Craighead/White
#: House)"; "Posted by NPR Politics on Saturday, August 6, 2016", a
#: reference's "The Voegelin View, September 30, 2018."): a caption, an embedded
#: post or a citation, dated apart from the article (135 in the AllSides corpus;
#: none of 30 read was its prose).
_DATED_ASIDE = re.compile(
    r",\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}\.?(?:\s*\([^()]*/[^()]*\))?$")


def _is_sign_up(paragraph: list[str]) -> bool:
    text = " ".join(paragraph)
    return bool(_SIGN_UP_FORM.search(text)) or (
        len(text.split()) <= _CAPTION_WORDS and bool(_SIGN_UP_CALL.search(text)))


def _is_related_link(paragraph: list[str]) -> bool:
    text = " ".join(paragraph)
    return len(text.split()) <= _RELATED_LINK_WORDS and bool(_RELATED_LINK.search(text))


def _drop_repeated_captions(paragraphs: list[list[str]]) -> list[list[str]]:
    """Remove pictures' captions that the scraper took twice in a row (a photo's alt
    text, then its caption: "In this handout photo …", twice), and a gallery of
    them whole: from its first repeated caption to its last, with the captions
    scraped once in between (CNN's life-in-pictures galleries, 40-odd photos of other
    years in an article about one day; 44 in the AllSides corpus, where they made
    unrelated CNN articles look like copies of one text)."""
    texts = [" ".join(p) for p in paragraphs]
    repeats = [i for i in range(1, len(texts)) if texts[i] == texts[i - 1]
               and _REPEATED_CAPTION_WORDS <= len(texts[i].split()) <= _CAPTION_WORDS]
    doomed = {j for i in repeats for j in (i - 1, i)}
    if len(repeats) >= _GALLERY_REPEATS:
        for before, after in zip(repeats, repeats[1:]):
            # pairs (before - 1, before) and (after - 1, after): what lies between
            if after - before - 2 <= _GALLERY_GAP:
                doomed.update(range(before, after))
    return [p for i, p in enumerate(paragraphs) if i not in doomed]


def _is_caption(paragraph: list[str]) -> bool:
    """A photo caption or its credit, a video's caption box, or another dated aside
    (an embedded post, a citation): it describes a picture, it reports nothing (its
    date is the photo's, "Judge Kavanaugh testifies …, September 27, 2018.")."""
    text = " ".join(paragraph)
    credit = _BARRED_PHOTO_CREDIT.search(text)
    return bool(_IMAGE_WIDGET.match(text) or _GALLERY_CAPTION.search(text)
                or _VIDEO_EMBED.match(text)) or (
        credit is not None and len(text[:credit.start()].split()) <= _CAPTION_WORDS) or (
        # what the picture shows, then its credit: a wire caption, long as it may run
        len(text.split()) <= 2 * _CAPTION_WORDS
        and bool(_PHOTO_DESCRIPTION.match(text) and _PHOTO_CREDIT.search(text))) or (
        len(text.split()) <= _CAPTION_WORDS
        and bool(_VIDEO_CAPTION.match(text) or _PHOTO_DESCRIPTION.match(text)
                 or _PHOTO_CREDIT.search(text)
                 or _LEADING_PHOTO_CREDIT.match(text) or _DATED_ASIDE.search(text)))


# -- paragraphs broken mid-sentence ---------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$|[\"'”’»]$")
#: Words a sentence does not end on: a paragraph ending with one is cut short.
_CONTINUING_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into",
    "onto", "as", "and", "or", "but", "nor", "that", "which", "who", "whose", "whom",
    "its", "their", "his", "her", "our", "your", "my", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "could", "should", "said", "says",
    "than", "then", "if", "because", "while", "when", "where", "after", "before",
    "about", "over", "under", "between", "such", "this", "these", "those", "not",
}
#: Capitalised words that usually open a sentence rather than continue a name.
_SENTENCE_OPENERS = {
    "The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "I", "You",
    "This", "That", "These", "Those", "But", "And", "As", "For", "When", "While", "After",
    "Before", "According", "Since", "If", "There", "Here", "His", "Her", "Their", "Our",
    "Its", "Meanwhile", "However", "Asked", "Speaking", "During", "Despite", "Although",
    "Still", "Yet", "So", "Also", "Both", "Some", "Many", "Most", "One", "Two", "Last",
    "Earlier", "Later", "Now", "Today", "Yesterday", "Apart",
}
_MIN_PROSE_WORDS = 8
_MAX_HEADLINE_WORDS = 15
_MAX_TEASER_WORDS = 70
#: Words of an author's bio at most (the longest in the AllSides corpus run to 60).
_MAX_BIO_WORDS = 80
#: A teaser shares at most this share of its content words with the article.
_TEASER_OVERLAP = 0.25
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def clean_text(raw: str, author: str | None = None) -> CleanedText:
    """The article proper from scraped text, and the metadata its debris carried.

    `author` is the byline the input gives, if any: a paragraph opening with an
    author's name and what they are ("Jane Roe is a senior writer for …") is their
    bio, at either end of the article.
    """
    lines = _normalise(raw).split("\n")
    found: dict[str, Any] = {}
    lines = _take_metadata_lines(lines, found)
    paragraphs = _take_head_byline(_paragraphs(lines), found)
    paragraphs = _drop_promo_blocks(paragraphs)
    paragraphs = _drop_bios(paragraphs, _author_names(author, found.get("author")))
    paragraphs = _drop_repeated_captions(paragraphs)
    paragraphs = _drop_entry_credits(paragraphs)
    paragraphs = _drop_summary_boxes(paragraphs)
    paragraphs = [p for p in paragraphs if not all(_STRONG_FOOTER.search(l) for l in p)
                  and not _is_caption(p) and not _is_sign_up(p) and not _is_related_link(p)
                  and not _is_disclaimed_bio(p)]
    paragraphs = _rejoin_broken(paragraphs)
    text = "\n\n".join("\n".join(p) for p in paragraphs)
    extras = {k: v for k, v in found.items() if k not in ("author", "published")}
    published = found.get("published") or _dateline(text, extras)
    return CleanedText(text=text, author=found.get("author"), published=published,
                       extras=extras)


#: Bullets a summary box holds at most after its first (CNN's boxes have three more
#: in 780 of 1,085).
_MAX_BULLETS = 5
#: Words a bullet has at most: a headline's, not a paragraph's.
_MAX_BULLET_WORDS = 30


def _drop_summary_boxes(paragraphs: list[list[str]]) -> list[list[str]]:
    """Remove summary and explainer boxes (`_SUMMARY_BOX`), with the bullets after
    a box's first: the short paragraphs that follow it with no sentence end ("Nixon
    praises many of the protesters", "'The range of suspects remains wide open,'
    FBI agent says"), which would run into the article's first sentence."""
    kept, bullets = [], 0
    for paragraph in paragraphs:
        if _SUMMARY_BOX.match(paragraph[0]):
            bullets = _MAX_BULLETS if paragraph[0].startswith("Story highlights") else 0
            continue
        if bullets and not _SENTENCE_END.search(paragraph[-1]) \
                and len(" ".join(paragraph).split()) <= _MAX_BULLET_WORDS:
            bullets -= 1
            continue
        bullets = 0
        kept.append(paragraph)
    return kept


_CREDIT_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
#: A live blog entry's credit, a line of a dash and its reporters' names ("– Nicholas
#: Wu", "- Maureen Groppe and Nicholas Wu"; 300 in the AllSides corpus): the parser
#: reads such names as people of the story, or glued to the next heading as one.
_ENTRY_CREDIT = re.compile(
    rf"[–—-]\s*{_CREDIT_NAME}(?:(?:,| and|, and) {_CREDIT_NAME}){{0,3}}")


def _drop_entry_credits(paragraphs: list[list[str]]) -> list[list[str]]:
    """Remove live blog entries' credits: a dash and names alone after a paragraph
    of prose (after a quotation it signs the quotation; after another dash line it
    is an item of a list: "- Waterside Shops")."""
    kept: list[list[str]] = []
    for paragraph in paragraphs:
        previous = kept[-1][-1].strip() if kept else ""
        quotation = previous[:1] in "“\"" and previous[-1:] in "”\""
        if len(paragraph) == 1 and _ENTRY_CREDIT.fullmatch(paragraph[0].strip()) \
                and previous[-1:] in ".!?”\"" and not quotation \
                and previous[:1] not in "–—-":
            continue
        kept.append(paragraph)
    return kept


#: A list item's number run into its first word by the scraper ("1Majorities of both
#: black and white Americans say …", "10An overwhelming majority …": Pew's numbered
#: findings), which reads as a speaker "10An overwhelming majority".
_GLUED_LIST_NUMBER = re.compile(r"^\d{1,2}(?=[A-Z][a-z])")


#: A wire photo's credit that ends plainly ("/File Photo", a picture's id) with the
#: article's first sentence run on after it on one line ("… REUTERS/Joshua
#: Roberts/File Photo Mattis announced his …"): the caption is set apart there.
_RUN_ON_CREDIT = re.compile(
    r"(\bREUTERS/[^\n]{0,60}?(?:/(?:File [Pp]hotos?|Files|Pool|POOL|Illustration"
    r"(?:/File Photo)?|Handout(?: via Reuters)?)|\s[–-]\s*RC[A-Z0-9]{8,12}(?:/File Photo)?))"
    r"[ \t]+(?=[A-Z“\"])")


def _normalise(raw: str) -> str:
    text = repair_mojibake(raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _RUN_ON_CREDIT.sub("\\1\n\n", text)
    text = _INVISIBLE.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return "\n".join(_spaced_sentences(_GLUED_LIST_NUMBER.sub(
        "", _SPACES.sub(" ", _without_widgets(line)).strip())) for line in text.split("\n"))


def _without_widgets(line: str) -> str:
    """A line without the video players, name hover cards and bracketed links to
    other stories run into it."""
    line = _INLINE_LINK.sub("", _VIDEO_WIDGET.sub("", line))
    if " MORE" not in line:
        return line
    return _SPACED_NAME_CARD.sub(r"\g<given> \g<surname>", _NAME_CARD.sub(r"\g<surname>", line))


def _spaced_sentences(line: str) -> str:
    """Sentences a scraper ran together ("as of Friday evening.Graham, son of …")
    given the space that lets them be read as two, before a quote mark that opens
    the next one and after one that closes the first (a straight mark opens when
    the marks before it are even); addresses ("jane.Doe@x.com", "www.Example.com")
    keep theirs."""
    def spaced(match: re.Match) -> str:
        start = line.rfind(" ", 0, match.start()) + 1
        end = line.find(" ", match.end())
        if _ADDRESS.search(line[start:end if end >= 0 else len(line)]):
            return match.group(1)
        mark = match.group(1)
        opens = mark == "“" or mark == '"' and line.count('"', 0, match.start()) % 2 == 0
        return f" {mark}" if opens else f"{mark} "

    return _RUN_TOGETHER.sub(spaced, line)


def _is_name(text: str) -> bool:
    """A byline's name part: capitalised words, initials and a few joiners."""
    words = re.split(r"[\s,]+", text.strip().rstrip("."))
    if not 1 <= len(words) <= 10:
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 1 and all(
        w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words if w)


def _take_metadata_lines(lines: list[str], found: dict[str, Any]) -> list[str]:
    """Remove date, taxonomy and byline lines, recording what they say."""
    kept = []
    content = [i for i, line in enumerate(lines) if line]
    edge = set(content[:4]) | set(content[-6:])  # where bylines stand
    for i, line in enumerate(lines):
        if (match := _DATE_LINE.match(line)) and (date := certain_date(match.group(1))):
            found.setdefault("published", date)
            continue
        if (match := _UPDATED_LINE.match(line)) and (date := certain_date(match.group(1))):
            found.setdefault("updated", date.isoformat())
            continue
        if match := _TAXONOMY_LINE.match(line):
            key = "tags" if match.group(1).lower().startswith("tag") else \
                match.group(1).lower().replace("categories", "category").replace(" ", "_")
            values = [v.strip() for v in re.split(r"[,;|]", match.group(2)) if v.strip()]
            if key == "tags":
                found.setdefault("tags", []).extend(values)
            else:
                found.setdefault(key, ", ".join(values))
            continue
        if _AD_LINE.match(line):
            continue
        if i in edge and (match := _BYLINE.match(line)) and _is_name(match.group(1)):
            found.setdefault("author", match.group(1).strip().rstrip("."))
            continue
        kept.append(line)
    return kept


#: A contributor's role on a byline's second line ("Opinion contributor",
#: "Pew/Stateline Staff Writer").
_BYLINE_ROLE = re.compile(r"\b(?:contributors?|columnists?|staff writers?|correspondents?"
                          r"|reporters?|editors?)$", re.IGNORECASE)
#: Function words a headline capitalises and a name does not hold ("Hopes Rise In
#: Harbourton").
_TITLE_CASE_WORDS = {"A", "An", "The", "In", "Of", "For", "To", "At", "On", "With", "By",
                     "From", "Over", "After", "Is", "Are", "Was", "As", "And", "Or"}
_MAX_AFFILIATION_WORDS = 5


def _is_affiliation(line: str) -> bool:
    """A byline's second line, what the names write for: an outlet or a network
    ("USA TODAY Network", "Special for USA TODAY", "FactCheck.org", "The Arizona
    Republic") or a contributor's role."""
    words = line.split()
    return (0 < len(words) <= _MAX_AFFILIATION_WORDS and not _SENTENCE_END.search(line)
            and (bool(_BYLINE_ROLE.search(line)) or all(
                w[:1].isupper() or w[:1].isdigit() or w in _NAME_JOINERS for w in words)))


def _take_head_byline(paragraphs: list[list[str]], found: dict[str, Any]) -> list[list[str]]:
    """The article without a byline opening it as two bare lines, the names and what
    they write for ("Tonya Maxwell and Melanie Eversley" / "USA TODAY Network": 900
    USA TODAY articles of the AllSides corpus), the names recorded as its author.
    Left in, the names read as a list and the outlet as a statement of its own."""
    if len(paragraphs) < 3 or len(paragraphs[0]) != 1 or len(paragraphs[1]) != 1:
        return paragraphs
    names, affiliation = paragraphs[0][0], paragraphs[1][0]
    if not (_is_name(names) and not re.search(r"[:/|()]", names) and not names.isupper()
            and not _TITLE_CASE_WORDS & set(names.split()) and _is_affiliation(affiliation)):
        return paragraphs
    found.setdefault("author", names.strip().rstrip(","))
    return paragraphs[2:]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _is_headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_HEADLINE_WORDS and not _SENTENCE_END.search(line) \
        and not line.endswith(",")


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def _is_headline_paragraph(paragraph: list[str]) -> bool:
    """A paragraph of title lines only; hard-wrapped prose continues in lowercase."""
    return all(_is_headline(line) for line in paragraph) and not any(
        line[:1].islower() for line in paragraph[1:])


def _drop_promo_blocks(paragraphs: list[list[str]]) -> list[list[str]]:
    """Remove cross-promotion blocks: a marker line or a repeated headline, the promo
    headlines around it, and the teaser paragraph after a promo headline."""
    units = [(p, j) for p, paragraph in enumerate(paragraphs) for j in range(len(paragraph))]
    titles = {p for p, paragraph in enumerate(paragraphs) if _is_headline_paragraph(paragraph)}
    line = lambda unit: paragraphs[unit[0]][unit[1]]  # noqa: E731
    doomed: set[tuple[int, int]] = set()
    for k, unit in enumerate(units):
        text = line(unit)
        repeated = unit[0] in titles and any(
            line(other) == text for other in units[k + 1:k + 6])
        if unit in doomed or not (_PROMO_MARKER.match(text) or repeated):
            continue
        doomed.add(unit)
        back = k - 1
        while back >= 0 and units[back][0] in titles and units[back] not in doomed \
                and (unit[0] - units[back][0]) <= 1:
            doomed.add(units[back])
            back -= 1
        doomed |= _promo_forward(paragraphs, units, k, titles)
    kept = []
    for p, paragraph in enumerate(paragraphs):
        lines = [l for j, l in enumerate(paragraph) if (p, j) not in doomed]
        if lines:
            kept.append(lines)
    return kept


def _promo_forward(paragraphs: list[list[str]], units: list[tuple[int, int]], k: int,
                   titles: set[int]) -> set[tuple[int, int]]:
    """The promo headlines and teasers following the block's start at units[k]."""
    taken: set[tuple[int, int]] = set()
    k += 1
    after_headline = True  # the marker itself may head a teaser-less list
    while k < len(units):
        p, j = units[k]
        text = paragraphs[p][j]
        if p in titles or _PROMO_MARKER.match(text):
            taken.add(units[k])
            after_headline = True
            k += 1
            continue
        # A teaser: one paragraph right after a promo headline, about something else.
        paragraph = paragraphs[p]
        if after_headline and j == 0 and len(" ".join(paragraph).split()) <= _MAX_TEASER_WORDS:
            words = _content_words(" ".join(paragraph))
            overlap = len(words & _content_words(_without(paragraphs, p))) / max(len(words), 1)
            if overlap <= _TEASER_OVERLAP:
                taken |= {(p, n) for n in range(len(paragraph))}
                after_headline = False
                k += len(paragraph)
                continue
        break
    return taken


def _without(paragraphs: list[list[str]], index: int) -> str:
    return " ".join(" ".join(p) for n, p in enumerate(paragraphs) if n != index)


def _author_names(*bylines: str | None) -> list[str]:
    """The names of the people in bylines ("Todd S. Purdum, Michael Kruse", "A and
    B"); a one-word byline ("Reuters") names no one."""
    return [name for byline in bylines if byline
            for name in (part.strip() for part in re.split(r",|&|\band\b", byline))
            if len(name.split()) >= 2]


def _is_bio(paragraph: list[str], authors: list[str]) -> bool:
    """An author's bio: it opens with an author's name and what they are or do."""
    text = " ".join(paragraph)
    return len(text.split()) <= _MAX_BIO_WORDS and any(
        re.match(rf"{re.escape(name)},?\s+(?:is|was|has|covers|writes|reports)\b", text)
        for name in authors)


#: The disclaimer closing a commentator's bio ("… Follow him on Twitter @RaulAReyes.
#: The opinions expressed in this commentary are his."; 173 AllSides articles, 126
#: of them opening with it, the bio's name not always the byline's) or standing alone
#: ("The opinions expressed by columnists are their own and do not represent the views
#: of Townhall.com.", opening 174 more; "The views expressed are his own.").
_OPINION_DISCLAIMER = re.compile(
    r"\b(?:views|opinions) expressed\b(?: (?:in|on|by)\b[^.]{0,40}| here)?\s+(?:are|is)\b"
    r"[^.]{0,40}\b(?:own|author|authors?['’]?s?|writers?|his|hers|theirs)\b", re.IGNORECASE)
#: Words of a bio the disclaimer closes, at most (the longest of the 173: 108).
_MAX_DISCLAIMED_BIO_WORDS = 120


def _is_disclaimed_bio(paragraph: list[str]) -> bool:
    """A commentator's bio ending with the outlet's disclaimer, in a paragraph no
    longer than a bio."""
    text = " ".join(paragraph)
    return len(text.split()) <= _MAX_DISCLAIMED_BIO_WORDS \
        and _OPINION_DISCLAIMER.search(text) is not None


def _is_tail_debris(paragraph: list[str], authors: list[str]) -> bool:
    text = " ".join(paragraph)
    if all(_FOOTER.search(line) for line in paragraph):
        return True
    if _SOCIAL.search(text) and len(text.split()) <= 60 and not EMBEDDED_POST.search(text):
        return True
    return _is_bio(paragraph, authors)


def _drop_bios(paragraphs: list[list[str]], authors: list[str]) -> list[list[str]]:
    """Remove an author's bio opening the article, and footers and bios from the
    end, stopping at the article proper."""
    start = 1 if paragraphs and _is_bio(paragraphs[0], authors) else 0
    end = len(paragraphs)
    while end > start and _is_tail_debris(paragraphs[end - 1], authors):
        end -= 1
    return paragraphs[start:end]


def _breaks_mid_sentence(first: list[str], second: list[str], is_first: bool) -> bool:
    """Does paragraph `first` end mid-sentence and continue in `second`?"""
    last, following = first[-1], second[0]
    words = last.split()
    if _SENTENCE_END.search(last) or not words:
        return False
    if last.endswith((",", "-", "–", "—")) or words[-1].lower() in _CONTINUING_WORDS:
        return True
    prose = len(" ".join(first).split()) >= _MIN_PROSE_WORDS
    if not prose:
        return False
    first_word = following.split()[0]
    if following[0].islower() or following[0] in "[(0123456789":
        return True
    # "…near Japan, North" + "Korea's…": a name running on. A dek (the opening
    # paragraph) may end on a name without a stop, so it is left alone.
    return not is_first and words[-1][:1].isupper() and first_word[:1].isupper() \
        and first_word.rstrip(",.;:") not in _SENTENCE_OPENERS


def _rejoin_broken(paragraphs: list[list[str]]) -> list[list[str]]:
    joined: list[list[str]] = []
    for paragraph in paragraphs:
        if joined and _breaks_mid_sentence(joined[-1], paragraph, len(joined) == 1):
            joined[-1] = joined[-1][:-1] + [f"{joined[-1][-1]} {paragraph[0]}"] + paragraph[1:]
        else:
            joined.append(paragraph)
    return joined


def _dateline(text: str, extras: dict[str, Any]) -> dt.date | None:
    """A wire dateline's agency (kept) and date (only when it states the year)."""
    match = DATELINE.match(text)
    agency = match and (match.group("agency") or match.group("network"))
    if not agency:
        return None
    extras.setdefault("dateline_agency", agency.strip())
    return certain_date(match.group("date")) if match.group("date") else None
