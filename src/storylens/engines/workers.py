"""What every engine worker process does first: keep to one core.

An engine runs one worker process per core (a local pool, Spark's Python workers).
NumPy's BLAS would start threads of its own in each of them, one per core again, and
in the brief's many small matrix products those threads mostly wait on one another:
measured on two cores with two busy processes, token alignment took 23 times longer
(17.9 s against 0.78 s of CPU over 30 two-article stories) than with one BLAS thread.
ONNX Runtime already runs one thread per session (`understand.sentence_encoder`).
"""

from __future__ import annotations

import functools

import threadpoolctl


@functools.cache  # once per process: Spark calls it per task, and the limit holds
def one_thread_each() -> None:
    """Limit this process's BLAS libraries to one thread (for good)."""
    threadpoolctl.threadpool_limits(1, user_api="blas")
