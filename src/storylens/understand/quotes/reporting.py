"""Words that report speech: which attributions give somebody's words.

PolNeAR annotates more than speech: beliefs and intentions ("hopes to", "fears
that"), stances ("opposed the plan") and, by the models trained on it, some actions
whose subject is a person ("carved a path as president", "voted to repeal"). An
attribution is reported speech (or writing) when its cue is a verb or noun of
communication in the sense of Levin's (1993) verbs of communication and of
judgement: saying, telling, asking, claiming, warning, promising, praising,
blaming, describing ("called it a fraud", "described as"), writing and posting, a
document's or a study's "found" and "shows", or a light verb whose object is such
a noun or "clear" ("issued a warning", "made clear that"). Anything else not in
quote marks is a belief, intention or stance (`Quote.kind == "belief"`), which the
story's quote lists leave out.

Words are compared by `lexeme`, a normal form every inflection of a regular verb
shares ("argue", "argues", "argued", "arguing" -> "argu"), with the irregular
past forms of the verbs listed mapped to their base.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write",
              "spoke": "speak", "spoken": "speak", "swore": "swear", "sworn": "swear",
              "pled": "plead", "found": "find", "shown": "show", "made": "make",
              "gave": "give", "given": "give", "sent": "send"}


def lexeme(word: str) -> str:
    """A normal form shared by a regular verb's or noun's inflections: suffix, final
    "e" and a doubled final consonant stripped, a final "y" after a consonant read as
    "i" ("denies", "denied", "deny" -> "deni"; "admitted", "admit" -> "admit")."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    if word.endswith("ings"):  # a gerund's plural: "warnings", "findings"
        word = word[:-1]
    if len(word) > 3:
        word = _SUFFIX.sub("", word)
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        word = word[:-1] + "i"
    return word


#: Verbs and nouns of communication (their base or singular forms).
REPORTING_WORDS = frozenset(lexeme(word) for word in """
    say tell add ask write note state explain comment remark report announce argue claim
    contend assert insist maintain declare proclaim pronounce deny admit acknowledge
    concede confess confirm affirm reaffirm reveal disclose divulge suggest hint imply
    indicate signal warn caution urge call demand request plead beg implore appeal
    encourage advise counsel recommend propose vow pledge promise swear assure reassure
    guarantee threaten predict forecast estimate accuse allege blame fault charge
    criticize criticise condemn denounce decry deplore slam blast lambaste rip chide
    scold rebuke admonish berate castigate chastise excoriate assail deride ridicule
    mock taunt belittle disparage insult dismiss scoff praise hail laud applaud commend
    thank congratulate welcome tout boast brag trumpet stress emphasize emphasise
    underscore underline highlight point mention cite quote describe characterize
    characterise portray depict label dub term brand compare liken equate refer allude
    invoke respond reply answer retort counter rebut refute dispute contradict question
    query inquire challenge protest object complain lament bemoan grumble gripe moan
    apologize apologise joke quip muse observe opine posit theorize theorise speculate
    conclude find show rule deem reiterate repeat recall recount remind tweet post text
    email message blog testify inform notify brief relay convey communicate express
    voice raise echo defend outline detail clarify elaborate summarize summarise speak
    talk discuss address debate preach lecture shout yell scream whisper mutter exclaim
    chant cry gush rave rant vent fume snap lash press credit sound float brush read rail
    insinuate profess beseech trash advocate reference document attribute hammer rebuff
    confront telegraph
    according statement remark comment claim assertion allegation accusation criticism
    complaint warning promise pledge vow argument testimony speech interview letter
    message memo announcement declaration admission denial confirmation suggestion
    proposal recommendation request demand appeal plea call question answer response
    reply retort explanation insistence contention prediction estimate finding
    conclusion ruling verdict word rhetoric editorial column essay op-ed tweet post
    transcript filing lawsuit report study survey poll projection speculation
    """.split())
#: Light verbs, which report words with a noun of communication for object ("gave a
#: speech", "issued a warning", "released a statement"; not "opposed calls for"), and
#: what "make" reports words with ("made clear that", "made the case").
_LIGHT_VERBS = frozenset(lexeme(word) for word in
                         "make give issue offer deliver release send publish".split())
_MADE = frozenset({"clear", "plain", "case"})
_OBJECT_DEPS = frozenset({"dobj", "ccomp", "oprd", "acomp", "attr"})
#: Marks that cue a signed or introduced quotation: a colon, dashes.
_MARKS = frozenset({":", "-", "–", "—", "―"})


def reports_words(cue: Token) -> bool:
    """Whether `cue` reports what someone said or wrote, rather than a belief,
    intention, stance or act: a word of communication, or a verb whose object is one
    ("issued a warning", "made it clear")."""
    verb = lexeme(cue.text)
    if cue.text in _MARKS or verb in REPORTING_WORDS:
        return True
    return verb in _LIGHT_VERBS and any(
        child.dep_ in _OBJECT_DEPS and child.pos_ in ("NOUN", "ADJ") and
        (verb == "mak" and child.lower_ in _MADE or lexeme(child.text) in REPORTING_WORDS)
        for child in cue.children)


#: Media words are said on, in or via: a content that is only one of them tells where
#: words were said, not what ("wrote on social network Twitter", "said on television").
MEDIA_WORDS = frozenset({"twitter", "facebook", "instagram", "youtube", "tiktok", "reddit",
                         "telegram", "linkedin", "media", "television", "tv", "radio",
                         "air", "podcast", "website", "blog", "network", "platform"})
_MEDIUM_BEFORE = re.compile(r"\b(?:on|in|via)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
#: Longer than this, a span is more than a medium's name.
_MEDIUM_CHARACTERS = 60


def names_a_medium(text: str, start: int, end: int) -> bool:
    """Whether the span [start, end) of `text` is only the medium something was said
    on: a few words ending in a media word, after "on", "in" or "via" or opening
    with one."""
    if end - start > _MEDIUM_CHARACTERS:
        return False  # most candidates: no need to read them
    found = [w.lower() for w in _WORD.findall(text, start, end)]
    if found and found[0] in ("on", "in", "via"):
        found = found[1:]
    elif _MEDIUM_BEFORE.search(text, max(0, start - 6), start) is None:
        return False
    return bool(found) and len(found) <= 4 and found[-1] in MEDIA_WORDS
