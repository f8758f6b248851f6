"""Polarity: does one statement negate what another affirms?

"The minister did not resign" and "the minister resigned" tell opposite things in
nearly the same words, which is exactly what a similarity measure cannot see. The
test is deliberately narrow: a negation ("not", "never", "no one", "denied") that
stands between two words the other statement has side by side, where the other has
no negation at all. A negation of something the other does not say ("it should not
happen that he comes" / "he comes") is one outlet's longer cut, not a disagreement.

Used twice: `align` never makes one fact of a statement and its negation (they would
be counted as corroborating each other), unless they align closely enough for
`conflicts` to claim them as disputing one fact.
"""

from __future__ import annotations

import re

from ..group.features import words
from .quotes import STEM_LETTERS

#: Negations; "not only" ("not just", "not merely") and "No. 2" negate nothing, and
#: "warned against getting worked up" negates as "don't get worked up" does.
NEGATION = re.compile(r"\b(?:not(?!\s+(?:only|just|merely|simply)\b)|cannot|never|no(?!\.?\s*\d)|none|neither|"
                      r"nor|against|denied|denies|deny|refused|refuses|rejected|rejects)\b"
                      r"|n['’]t\b", re.IGNORECASE)


#: "Not … until" and "not … for two weeks" put off what they negate ("the full findings
#: were not expected for about two weeks" / "Full findings are expected in two
#: weeks"): a delay, not a denial.
_DELAY = re.compile(r"[^,;:.!?]{0,60}?\b(?:until|till|for (?:[\w-]+ ){0,3}"
                    r"(?:minutes?|hours?|days?|weeks?|months?|years?))\b", re.IGNORECASE)

#: A verb of avoiding or forbidding shortly before a negation makes a double negative
#: ("avoid … using language that is not conducive to civil discourse" / "use language
#: conducive to civil discourse"): it affirms.
_AVOIDING_BEFORE = re.compile(r"\b(?:avoid\w*|refrain\w*|without|prevent\w*|prohibit\w*|"
                              r"forbid\w*|stop(?:s|ped|ping)?)\b[^.;:!?]{0,80}$", re.IGNORECASE)

#: "None of the bullets …" counts part of a whole ("three of the bullets …"): it
#: denies nothing the other statement affirms.
_PARTITIVE = re.compile(r"(?:none|neither)\s+of\b", re.IGNORECASE)


def _set_off(rest: str) -> bool:
    """Whether a negation is set off from the words after it: only function words
    lie between it and the next comma, dash or bracket ("any president who comes
    after me, not just me, will find …" negates "just me", not "will find")."""
    mark = _CLAUSE_MARK.search(rest)
    return not words(rest[:mark.start()] if mark else rest)


#: Words a negation reaches over to the word it negates ("have not been charged",
#: "No one spied"): a content word further on ("did not say if it would amount to
#: the $5.7 billion") is not what it denies.
MAX_REACH = 2
_RAW_WORD = re.compile(r"[^\W_]+")


def _reached(rest: str) -> re.Match | None:
    """The first content word after a negation."""
    return next((m for m in _RAW_WORD.finditer(rest) if words(m.group(0))), None)


def _set_off_before(preceding: str) -> bool:
    """Whether a negation is set off from the words before it: a comma, dash or
    bracket lies between it and the last content word ("We tried their ideas, they
    didn't work" denies nothing of "our ideas work")."""
    last = list(re.finditer(r"\w+", preceding))
    content = [m for m in last if words(m.group(0))]
    return bool(content) and _CLAUSE_MARK.search(preceding, content[-1].end()) is not None


def _holds(stems: list[str], phrase: list[str]) -> bool:
    return any(stems[i:i + len(phrase)] == phrase for i in range(len(stems)))


#: Marks that end a negation's reach ("…, not just me, …").
_CLAUSE_MARK = re.compile(r"[,;:—–()…]|\.\.\.")
#: Verbs whose negation is of what they take after them ("don't want to renew the
#: rates" denies wanting to renew them, not wanting: "want to let them expire"
#: agrees with it): the word after such a verb joins the negated phrase.
_COMPLEMENT_TAKERS = frozenset(word[:STEM_LETTERS] for word in (
    "want", "wants", "wanted", "plan", "plans", "planned", "intend", "intends",
    "intended", "try", "tries", "tried", "seek", "seeks", "sought", "expect",
    "expects", "expected", "need", "needs", "needed", "hope", "hopes", "hoped",
    "like", "likes", "liked", "mean", "means", "meant", "going"))


def _stems_in_order(text: str) -> list[str]:
    return [word[:STEM_LETTERS] for word in words(text)]


def negation_of(negated: str, affirmed: str) -> str | None:
    """The negation in `negated` that stands between two words `affirmed` has side by
    side ("the minister did not resign" / "the minister resigned"), if any.

    A negation elsewhere negates what the other statement does not say: words of
    a longer cut ("…, and if we don't get it, there should be no deal"); "none of"
    counts a part of a whole rather than denies ("None of the bullets …"), and a
    statement that also affirms the words it negates ("Sondland would not testify;
    Trump said he would love for Sondland to testify") tells both sides, and a
    negation set off by commas ("…, not just me, …") reaches no word beyond them,
    nor one beyond `MAX_REACH` words; a negation opening a sentence denies what
    follows its subject, not the subject's name ("Neither Senate proposal achieved …"
    / "… senators will then vote"); and "not … until" or "not … for two weeks" puts
    off rather than denies (`_DELAY`); after a verb of avoiding it affirms
    (`_AVOIDING_BEFORE`).
    """
    said = _stems_in_order(affirmed)
    for negation in NEGATION.finditer(negated):
        before = _stems_in_order(negated[:negation.start()])[-1:]
        after = _stems_in_order(negated[negation.end():])[:2]
        reached = _reached(negated[negation.end():])
        if reached is None or reached.start() > 0 and len(
                _RAW_WORD.findall(negated, negation.end(), negation.end() + reached.start())
        ) > MAX_REACH or not before and reached.group(0)[:1].isupper():
            continue
        if after and after[0] not in _COMPLEMENT_TAKERS:
            after = after[:1]
        phrase = before + after
        if after and _holds(said, phrase) and not _PARTITIVE.match(negated, negation.start()) \
                and not _DELAY.match(negated, negation.end()) \
                and not _AVOIDING_BEFORE.search(negated, 0, negation.start()) \
                and not _set_off_before(negated[:negation.start()]) \
                and not _set_off(negated[negation.end():]) \
                and not _holds(_stems_in_order(negated[:negation.start()]), phrase) \
                and not _holds(_stems_in_order(negated[negation.end():])[1:], phrase):
            return negation.group(0)
    return None


def opposite_polarity(a: str, b: str) -> tuple[str, str] | None:
    """(what a says, what b says) when one negates what the other affirms: the
    negation's word, and "affirmed" for the other side; None otherwise."""
    negated_a, negated_b = NEGATION.search(a), NEGATION.search(b)
    if negated_a and not negated_b and (negation := negation_of(a, b)):
        return negation, "affirmed"
    if negated_b and not negated_a and (negation := negation_of(b, a)):
        return "affirmed", negation
    return None
