"""Sentence embeddings with an int8-quantised all-MiniLM-L6-v2, through ONNX Runtime.

The model is all-MiniLM-L6-v2 (Reimers & Gurevych's sentence-transformers), exported
to ONNX and dynamically quantised by `training/export_embedder.py`; it ships inside
the package, so nothing is downloaded and no torch is needed at run time. Embeddings
are the mean of the token states over the attention mask, L2-normalised, as
sentence-transformers computes them for this model (cosine >= 0.98 to the original,
checked by the export script).

Dynamic quantisation scales activations per batch, so a text's vector moves a little
(cosine ~0.98) with the texts batched beside it. Callers therefore encode one
article's texts per call: a vector then depends on its article alone, and every
engine computes the same ones.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL_DIR = Path(__file__).with_name("models")
MODEL_FILE = MODEL_DIR / "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = MODEL_DIR / "minilm-l6-v2-tokenizer.json"
DIMENSIONS = 384
#: all-MiniLM-L6-v2 was trained on inputs of up to 256 word pieces and truncates there.
MAX_TOKENS = 256


class SentenceEncoder:
    """Encodes texts into unit vectors; load it once (see `sentence_encoder()`)."""

    def __init__(self, model_file: Path = MODEL_FILE, tokenizer_file: Path = TOKENIZER_FILE,
                 *, threads: int = 1):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread per process: the engines parallelise across processes.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # the saved tokenizer pads to a fixed 128; we pad per batch

    def encode(self, texts: Sequence[str], *, batch_size: int = 16) -> np.ndarray:
        """An (n, 384) float32 array of L2-normalised embeddings, in input order.

        Texts are batched by length so little padding is computed.
        """
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for first in range(0, len(order), batch_size):
            chosen = order[first:first + batch_size]
            result[chosen] = self._encode_batch([texts[i] for i in chosen])
        return result

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, :len(encoding.ids)] = encoding.ids
            mask[row, :len(encoding.ids)] = encoding.attention_mask
        feeds = {"input_ids": ids, "attention_mask": mask,
                 "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@functools.lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The packaged encoder, loaded once per process."""
    return SentenceEncoder()


def encode_by_article(texts: Sequence[str], article_ids: Sequence[str]) -> np.ndarray:
    """Unit embeddings of texts from several articles, one article per encoder call.

    The int8 encoder's vectors depend slightly on their batch-mates, so a text must
    be encoded with its own article's texts only: then it embeds the same whichever
    story or comparison it appears in.
    """
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    by_article: dict[str, list[int]] = {}
    for index, article_id in enumerate(article_ids):
        by_article.setdefault(article_id, []).append(index)
    encoder = sentence_encoder()
    for indices in by_article.values():
        vectors[indices] = encoder.encode([texts[i] for i in indices])
    return vectors
