"""Train the attribution extractor (`storylens.understand.quotes`) on PolNeAR.

Reads PolNeAR's train split (Newell, Margolin & Ruths, LREC 2018) from
../shared/eval/polnear/train, parses it with the standard pipeline, and fits the three
logistic-regression decisions of `storylens.understand.quotes`:

1. cue: is this token the head of an attribution cue? Positives are the syntactic
   heads of PolNeAR's `Cue` spans; negatives every other cue candidate.
2. content: which proposed span is a true cue's content? For each gold cue the
   candidate closest to the gold content (intersection over union >= 0.5, after the
   scorer's trimming) is the one to choose among its rivals: a conditional-logit
   ranker (softmax over one cue's candidates), more strongly regularised than the cue
   model (`CONTENT_L2`: its crossed route features otherwise memorise the training
   articles: 97% of training choices right, 85% on dev). At run time the choice is
   the ranker's unless a rival is likelier to match (`quotes.consensus`). Besides its
   feature strings, a candidate carries the parser's contextual vectors of its edge
   tokens (`Doc.tensor`).

3. keep: is a proposed attribution right (its content matching a gold content)?
   Its examples must look like the proposals of text the first two models never
   saw, so they come from cross-fitting (`FOLDS`): the train articles are cut into
   folds, the cue and content models fitted on all folds but one propose
   attributions on that one (`quotes.Extractor.propose`, the same way as at run
   time, `quotes.distinct` applied), and each proposal is labelled by the metric of
   record's overlap with the gold contents. Trained on the proposals of every fold
   (`quotes.keep.keep_features`); the shipped cue and content models are then
   fitted on the whole train split.

The threshold on the keep decision's probability is then chosen on the dev split to
maximise content F1 plus source F1 (the issue sets a target on each; ties go to the
threshold farther from missing either) under the metric of record
(`bench/polnear_eval.py`), and everything is written to
src/storylens/understand/quotes/attribution.json.gz (package data). Parsed splits are
cached as spaCy DocBin files (--cache), their token vectors (which DocBin does not
keep) next to them as .npz, so reruns skip parsing. Deterministic: fixed seeds, sorted
inputs.

Usage: python training/train_attribution.py [--polnear DIR] [--cache DIR] [--steps 400]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from polnear_eval import (POLNEAR, Counts, GoldAttribution, iou, read_split,  # noqa: E402
                          score_article, trim)

from storylens.understand import load_pipeline  # noqa: E402
from storylens.understand.quotes import WEIGHTS, Extractor, distinct  # noqa: E402
from storylens.understand.quotes.features import (Sentences, content_candidates,  # noqa: E402
                                                  cue_features, is_cue_candidate)
from storylens.understand.quotes.keep import keep_features  # noqa: E402
from storylens.understand.quotes.linear import LinearModel, save_models  # noqa: E402
from storylens.understand.quotes.marks import QuoteIndex  # noqa: E402


#: L2 weight of the content ranker, chosen on dev among 1e-5, 1e-4, 3e-4 and 1e-3.
CONTENT_L2 = 3e-4
#: L2 weight of the keep decision, chosen on dev among 3e-5, 1e-4, 3e-4 and 1e-3 in
#: the experiment that led to it: content F1 moved by under 0.005 across them.
KEEP_L2 = 1e-4
#: Dev scores closer than this (a few of 2,192 attributions) are a tie, settled for the
#: threshold whose worse margin to the issue's targets (`TARGETS`) is widest: the
#: target met by the thinnest margin, or missed, gets the benefit. (Settled for the
#: higher source F1 while source F1 was the one near its target; for the lowest
#: threshold before the joint confidence.)
TIE = 0.002
#: The held-out targets of the issue: content F1 and source F1.
TARGETS = (0.75, 0.65)
#: Folds of the train split cross-fitted for the keep decision's examples. (With 4,
#: dev content F1 0.731 and source F1 0.674 at threshold 0.40, against 0.712 and
#: 0.663 when the cue probability times the content's chance alone decided.)
FOLDS = 4


def parsed(split: Path, cache: Path) -> tuple[list, list[Doc]]:
    """The split's articles and their parsed docs, cached in `cache`."""
    articles = read_split(split)
    nlp = load_pipeline()
    path = cache / f"polnear-{split.name}.spacy"
    vectors = path.with_suffix(".tensors.npz")
    if path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        tensors = np.load(vectors)
        if len(docs) == len(articles) == len(tensors.files):
            for k, doc in enumerate(docs):
                doc.tensor = tensors[f"arr_{k}"]
            return articles, docs
    started = time.perf_counter()
    docs = list(nlp.pipe((text for _, text, _ in articles), batch_size=32))
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    # full precision: a rerun from the cache fits the same weights as a fresh parse
    np.savez(vectors, *(doc.tensor.astype(np.float32) for doc in docs))
    print(f"parsed {split.name}: {len(docs)} articles in {time.perf_counter() - started:.0f} s")
    return articles, docs


def cue_heads(doc: Doc, gold: list[GoldAttribution]) -> dict[int, GoldAttribution]:
    """Gold attributions keyed by the index of their cue's syntactic head."""
    heads = {}
    for attribution in gold:
        if attribution.cue is None:
            continue
        span = doc.char_span(*attribution.cue, alignment_mode="expand")
        if span is not None and len(span):
            heads.setdefault(span.root.i, attribution)
    return heads


def examples(articles, docs) -> tuple[list, list, list, list]:
    """(features, label) pairs for the cue and the content decisions, the content
    candidates' vectors and where each cue's candidates start among them."""
    cue_examples, content_examples, content_vectors, content_groups = [], [], [], []
    for (_, text, gold), doc in zip(articles, docs):
        heads = cue_heads(doc, gold)
        quotes, sentences = QuoteIndex(doc.text), Sentences(doc)
        for token in doc:
            if not is_cue_candidate(token):
                continue
            attribution = heads.get(token.i)
            cue_examples.append((cue_features(token, quotes, sentences),
                                 int(attribution is not None)))
            if attribution is None:
                continue
            target = trim(text, attribution.content)
            candidates = content_candidates(token, quotes, sentences)
            overlaps = [iou(trim(text, (c.start, c.end)), target) for c in candidates]
            if not overlaps or max(overlaps) < 0.5:
                continue
            best = max(overlaps)
            content_groups.append(len(content_examples))
            content_examples += [(c.features, int(o == best))
                                 for c, o in zip(candidates, overlaps)]
            content_vectors += [sentences.edge_vector(c.start, c.end) for c in candidates]
    return cue_examples, content_examples, content_vectors, content_groups


def fit(articles, docs, steps: int) -> tuple[LinearModel, LinearModel]:
    """The cue and content models fitted on `articles`."""
    cue_examples, content_examples, content_vectors, content_groups = examples(articles, docs)
    cue = LinearModel.train(cue_examples, steps=steps)
    content = LinearModel.train(content_examples, steps=steps, l2=CONTENT_L2,
                                vectors=np.array(content_vectors, dtype=float),
                                groups=content_groups)
    return cue, content


def keep_examples(articles, docs, steps: int) -> tuple[list, list]:
    """(features, label) pairs and dense inputs of the keep decision, from the
    proposals cross-fitted models make on the train articles they did not see."""
    order = list(range(len(articles)))
    random.Random(7).shuffle(order)
    labelled, dense = [], []
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        cue, content = fit([a for k, a in enumerate(articles) if k not in held],
                           [d for k, d in enumerate(docs) if k not in held], steps)
        extractor = Extractor(cue, content, LinearModel())
        for k in sorted(held):
            (_, text, gold), doc = articles[k], docs[k]
            sentences = Sentences(doc)
            proposals = extractor.propose(doc, sentences, QuoteIndex(sentences.text))
            targets = [trim(text, g.content) for g in gold]
            for proposal in distinct(proposals):
                features, vector = keep_features(proposal, proposals, text)
                content_range = trim(text, (proposal.quote.content.start,
                                            proposal.quote.content.end))
                labelled.append((features, int(any(iou(content_range, target) >= 0.5
                                                   for target in targets))))
                dense.append(vector)
        print(f"fold {fold + 1}/{FOLDS}: {len(labelled):,} keep examples", flush=True)
    return labelled, dense


def evaluate(extractor: Extractor, articles, docs) -> Counts:
    total = Counts()
    for (_, text, gold), doc in zip(articles, docs):
        predicted = [((q.content.start, q.content.end),
                      (q.source.start, q.source.end) if q.source else None)
                     for q in extractor.extract(doc)]
        total.add(score_article(text, predicted, gold))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "storylens")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--output", type=Path, default=WEIGHTS)
    args = parser.parse_args()

    train_articles, train_docs = parsed(args.polnear / "train", args.cache)
    dev_articles, dev_docs = parsed(args.polnear / "dev", args.cache)
    keep_labelled, keep_vectors = keep_examples(train_articles, train_docs, args.steps)
    keep = LinearModel.train(keep_labelled, steps=args.steps, l2=KEEP_L2,
                             vectors=np.array(keep_vectors, dtype=float))
    cue, content = fit(train_articles, train_docs, args.steps)

    scores, margins = {}, {}
    for threshold in np.arange(0.3, 0.501, 0.025).round(3).tolist():
        counts = evaluate(Extractor(cue, content, keep, threshold), dev_articles, dev_docs)
        content_f1, source_f1 = counts.f1(counts.matched)[2], counts.f1(counts.source)[2]
        print(f"threshold {threshold:.3f}: dev content P/R/F1 "
              + " ".join(f"{x:.3f}" for x in counts.f1(counts.matched))
              + f", source F1 {source_f1:.3f}")
        scores[threshold] = content_f1 + source_f1  # the issue sets a target on each
        margins[threshold] = min(content_f1 - TARGETS[0], source_f1 - TARGETS[1])
    chosen = max((t for t, score in scores.items() if score >= max(scores.values()) - TIE),
                 key=margins.get)
    save_models(args.output, {"cue": cue, "content": content, "keep": keep},
                threshold=chosen)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB), "
          f"threshold {chosen:.3f}, dev content + source F1 {scores[chosen]:.3f}")


if __name__ == "__main__":
    main()
