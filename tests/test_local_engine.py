"""The local engine's scheduling: results in input order, read-ahead bounded by weight."""

from __future__ import annotations

import concurrent.futures

from storylens.engines.local import _in_order


def test_results_come_in_order_and_read_ahead_is_bounded_by_weight():
    sizes = [1, 30, 1, 1, 1, 1, 50, 1, 1]
    drawn = []

    def tasks():
        for n, size in enumerate(sizes):
            drawn.append(n)
            yield (n, size)

    seen = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for result in _in_order(pool, lambda n, size: n, tasks(), 10,
                                weight=lambda task: task[1]):
            # Every task drawn but not yet yielded is in flight: under the window,
            # plus the one whose arrival filled it.
            in_flight = [sizes[n] for n in drawn if n not in seen and n != result]
            assert sum(in_flight[:-1]) < 10
            seen.append(result)
    assert seen == list(range(len(sizes)))
