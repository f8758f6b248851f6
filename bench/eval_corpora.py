"""The clustering evaluation sets as JSON Lines records, with their gold stories.

ECB+ (`ecbplus_dev.jsonl`): the gold story of a document is its `subtopic`; ECB+ gives
no publication dates, and its `title` is the document's first sentence (some documents
are nothing else), so the text is the title followed by the rest. BASIL: the gold story of an article is its `triplet-uuid`; the
body is rebuilt from `body-paragraphs`, one paragraph per blank-line block.
"""

from __future__ import annotations

import json
from pathlib import Path

from common import SHARED

ECBPLUS_DEV = SHARED / "eval" / "ecbplus" / "ecbplus_dev.jsonl"
BASIL = SHARED / "eval" / "basil" / "articles"


def _require(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"{path}: not found (../shared/eval must be beside the project)")
    return path


def ecbplus_records(path: Path = ECBPLUS_DEV) -> tuple[list[dict], dict[str, str]]:
    """ECB+ documents as ingestable records, and each id's gold event (`subtopic`)."""
    records, gold = [], {}
    for line in _require(path).open(encoding="utf-8"):
        doc = json.loads(line)
        text = "\n\n".join(part for part in (doc["title"], doc["text"]) if part.strip())
        records.append({"id": f"ecb-{doc['id']}", "title": doc["title"], "text": text})
        gold[f"ecb-{doc['id']}"] = f"ecb-{doc['subtopic']}"
    return records, gold


#: BASIL's outlet codes (in either case) and the outlets they stand for, so that
#: "the Times reported" in another article names the New York Times' article.
BASIL_OUTLETS = {"nyt": "The New York Times", "fox": "Fox News",
                 "hpo": "The Huffington Post"}


def basil_records(folder: Path = BASIL) -> tuple[list[dict], dict[str, str]]:
    """BASIL articles as ingestable records, and each id's gold event (its triplet)."""
    records, gold = [], {}
    for path in sorted(_require(folder).glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(paragraph) for paragraph in doc["body-paragraphs"])
        if not body.strip():
            continue
        article_id = f"basil-{path.stem}"
        records.append({"id": article_id, "title": doc.get("title"), "text": body,
                        "published": doc.get("date"),
                        "outlet": BASIL_OUTLETS.get(str(doc.get("source")).lower(),
                                                    doc.get("source"))})
        gold[article_id] = f"basil-{doc['triplet-uuid']}"
    return records, gold
