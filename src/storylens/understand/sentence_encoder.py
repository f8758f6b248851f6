"""Sentence embeddings with an int8-quantised all-MiniLM-L6-v2, through ONNX Runtime.

The model is all-MiniLM-L6-v2 (Reimers & Gurevych's sentence-transformers), exported
to ONNX and dynamically quantised by `training/export_embedder.py`; it ships inside
the package, so nothing is downloaded and no torch is needed at run time. Embeddings
are the mean of the token states over the attention mask, L2-normalised, as
sentence-transformers computes them for this model (cosine >= 0.98 to the original,
checked by the export script).

Dynamic quantisation scales activations per batch, so in a batch a text's vector
would move a little (cosine ~0.98) with the texts beside it. Each text is therefore
encoded alone: its vector depends on the text only, whichever story, article or
engine asks, and a text met twice is encoded once. It costs no speed on one CPU
core: without padding, single texts run as fast as batches of 4 to 8 and 10-15%
faster than batches of 16 (per statement of AllSides stories, measured when this
was chosen), as a larger batch's activations outgrow the core's cache.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL_DIR = Path(__file__).with_name("models")
MODEL_FILE = MODEL_DIR / "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = MODEL_DIR / "minilm-l6-v2-tokenizer.json"
DIMENSIONS = 384
#: all-MiniLM-L6-v2 was trained on inputs of up to 256 word pieces and truncates there.
MAX_TOKENS = 256


@dataclass(frozen=True)
class TokenStates:
    """A text's word pieces (vocabulary ids, [CLS] and [SEP] left out), their
    character offsets in the text (start, end) and their L2-normalised contextual
    states, one row per piece."""

    ids: np.ndarray
    offsets: np.ndarray
    states: np.ndarray


def _word_pieces(encoding, states: np.ndarray) -> TokenStates:
    inner = slice(1, max(1, len(encoding.ids) - 1))  # drop [CLS] and [SEP]
    chosen = states[inner]
    return TokenStates(np.asarray(encoding.ids[inner], dtype=np.int64),
                       np.asarray(encoding.offsets[inner], dtype=np.int64).reshape(-1, 2),
                       chosen / np.maximum(np.linalg.norm(chosen, axis=1, keepdims=True),
                                           1e-12))


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
        self.tokenizer.no_padding()  # the saved tokenizer pads to a fixed 128

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, 384) float32 array of L2-normalised embeddings, in input order."""
        return self.encode_with_tokens(texts)[0]

    def encode_with_tokens(self, texts: Sequence[str]
                           ) -> tuple[np.ndarray, list[TokenStates]]:
        """The embeddings of `encode`, and beside them each text's word pieces with
        their unit contextual states (the same encoder pass: no extra cost but the
        copy), for token-level comparison of texts (see `compare.align`)."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        tokens: list[TokenStates] = [None] * len(texts)  # type: ignore[list-item]
        done: dict[str, int] = {}
        for index, text in enumerate(texts):
            if text in done:
                result[index], tokens[index] = result[done[text]], tokens[done[text]]
                continue
            result[index], tokens[index] = self._encode_one(text)
            done[text] = index
        return result, tokens

    def _encode_one(self, text: str) -> tuple[np.ndarray, TokenStates]:
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0][0]
        pooled = states.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12),
                _word_pieces(encoding, states))


@functools.lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The packaged encoder, loaded once per process."""
    return SentenceEncoder()
