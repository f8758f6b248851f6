"""Fact-level labels for statement alignment, made by reading BASIL pairs.

ECB+ says whether two sentences share an event chain (topic-level event
coreference), which is not whether one report would corroborate the other: two
statements about the same people in the same story share a chain without telling
the same fact. So pairs of statements of the three articles of a BASIL event (Fan
et al., EMNLP 2019: one event told by the New York Times, Fox News and the Huffington
Post) are labelled by hand, and `compare.align`'s fact decision is trained on them
(`training/train_alignment.py --facts`).

Labelling guide (the rules applied to every pair):

- SAME (1): one statement would corroborate the other: they tell the same claim
  about the same happening, in any words; one may be a cut of the other or add a
  detail ("X met Y in Tokyo" ~ "X, in Tokyo for talks, met Y on Tuesday"), and a
  quote carried by both, whole or cut, is the same. Same claim with a different
  number, date or speaker is still SAME (a conflict, not a second fact).
- NOT (0): a different claim, however much subject they share: the same people doing
  something else, cause vs effect, an event vs a reaction to it, a statement vs the
  background it is set against, two different quotes of one speaker, a general
  characterisation vs a specific act.
- A pair where one statement holds two claims is SAME when the other tells the main
  claim of it (the one a reader would check), NOT when it tells only an aside.
- Headlines, bylines and fragments are judged like statements: a headline is SAME
  as the sentence telling its claim.

Candidates: the reciprocal best matches (`compare.align.reciprocal_best`) of the
pair model that it scores at least its threshold, the pairs facts were made of
before the fact decision and the hardest it meets (each statement's best partner in
another article); an event's are taken evenly over their ranking by probability, at
most `PER_EVENT` of them, so the labels cover strong and weak resemblances. The
first 44 events were labelled so; the next 14 with `--kept`: every pair a fact
decision trained on the first 44 kept on them (its run-time precision there,
before they joined the training labels: 126 of 184 pairs, 0.68). The last 12
(58:70, all BASIL dev holds) were labelled with `--kept` first, by a decision with
the directed, margin and agreement evidence trained on the first 58 at threshold
0.70 (93 of 116 kept pairs right, 0.80; 0.89 of the 89 it scored >= 0.80), then
with their other candidates (10 of 139 one fact). Labels are
stored without text (`data/fact_labels.tsv`: event, article ids, statement character
offsets into the clean text, label), the evaluation text never leaves
../shared/eval. `bench/basil_facts.py` scores the fact decision against them, with
folds of whole events.

Usage:
  python training/label_facts.py show --events 0:10 --keys batch.keys > batch.txt
      prints the numbered unlabelled candidate pairs of those events (by sorted
      event index) and writes their keys to batch.keys
  python training/label_facts.py record batch.keys answers.txt
      appends labels ("<number> <1|0>" lines in answers.txt) to data/fact_labels.tsv
  python training/label_facts.py show --kept --events 44:56 --keys kept.keys > kept.txt
      the pairs the shipped decision keeps on events it was not trained on: label
      them to measure its run-time precision on held-out events
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from basil_facts import (DEFAULT_STORE, LABELS, EventStatements,  # noqa: E402
                         event_statements, prepare, read_labels)

from storylens.compare.align import (alignment_model, decide_facts,  # noqa: E402
                                     reciprocal_best)
from storylens.compare.statements import DescribedStatement  # noqa: E402

COLUMNS = ("event", "article_a", "start_a", "end_a", "article_b", "start_b", "end_b",
           "label")
#: Candidate pairs labelled per event at most.
PER_EVENT = 16


def candidates(statements: EventStatements) -> list[tuple[int, int, float]]:
    """The pairs (i, j, pair probability) to label (see the module notes)."""
    probabilities = reciprocal_best(statements.pair_probabilities(), statements.described)
    ranked = sorted(((float(probabilities[i, j]), int(i), int(j)) for i, j in
                     np.argwhere(np.triu(probabilities >= alignment_model()[1], 1))),
                    reverse=True)
    chosen = np.unique(np.linspace(0, len(ranked) - 1, min(PER_EVENT, len(ranked))
                                   ).round().astype(int)) if ranked else []
    return [(ranked[k][1], ranked[k][2], ranked[k][0]) for k in chosen]


def kept_pairs(statements: EventStatements) -> list[tuple[int, int, float]]:
    """The pairs (i, j, fact probability) the shipped fact decision keeps: what facts
    are made of at run time (`compare.align.decide_facts`)."""
    kept = decide_facts(statements.pair_probabilities(), statements.described,
                        statements.embeddings, statements.lexical, statements.tokens).kept
    return sorted(((int(i), int(j), float(kept[i, j]))
                   for i, j in np.argwhere(np.triu(kept > 0, 1))), key=lambda t: -t[2])


def key_of(event: str, a: DescribedStatement, b: DescribedStatement) -> tuple:
    sa, sb = a.statement, b.statement
    return (event, sa.article_id, sa.start, sa.end, sb.article_id, sb.start, sb.end)


def show(events: dict[str, list], chosen: list[str], keys_path: Path,
         kept: bool = False) -> None:
    """Print the numbered unlabelled candidate pairs (with `kept`, the pairs the
    shipped decision keeps) of the chosen events; their keys go to `keys_path`, one
    a line, in the same order."""
    known = read_labels()
    keys = []
    for event in chosen:
        statements = event_statements(event, events[event])
        described = statements.described
        print(f"=== {event}")
        for i, j, p in (kept_pairs if kept else candidates)(statements):
            a, b = described[i], described[j]
            key = key_of(event, a, b)
            if key in known:
                continue
            keys.append(key)
            print(f"[{len(keys)}] p={p:.2f}\n  A ({a.outlet}) {a.shown}\n"
                  f"  B ({b.outlet}) {b.shown}")
    keys_path.write_text("".join("\t".join(map(str, k)) + "\n" for k in keys),
                         encoding="utf-8")


def record(keys_path: Path, answers_path: Path) -> None:
    """Append the answered pairs' labels to LABELS."""
    keys = [line.split("\t") for line in keys_path.read_text(encoding="utf-8").splitlines()]
    answers = [line.split() for line in answers_path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    new = not LABELS.exists()
    with LABELS.open("a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        if new:
            writer.writerow(COLUMNS)
        for number, label in answers:
            writer.writerow([*keys[int(number) - 1], int(label)])
    print(f"{len(answers)} labels appended to {LABELS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    shown = commands.add_parser("show")
    shown.add_argument("--events", required=True, help="a slice of the sorted events: 0:10")
    shown.add_argument("--store", type=Path, default=DEFAULT_STORE)
    shown.add_argument("--keys", type=Path, required=True)
    shown.add_argument("--kept", action="store_true",
                       help="list the pairs the shipped fact decision keeps instead")
    recorded = commands.add_parser("record")
    recorded.add_argument("keys", type=Path)
    recorded.add_argument("answers", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.keys, args.answers)
        return
    events = prepare(args.store)
    start, end = (int(x) for x in args.events.split(":"))
    show(events, list(events)[start:end], args.keys, args.kept)


if __name__ == "__main__":
    main()
