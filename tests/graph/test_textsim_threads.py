"""Stemming from several threads at once (a request beside the server's background index build)."""
from __future__ import annotations

import threading

from graph.queries import textsim


def test_threads_stemming_at_once_get_the_stems_one_thread_gets():
    words = [f"{base}{ending}" for base in ("rekruttering", "kampagne", "geriatri", "samarbejde", "vagtlag")
             for ending in ("", "en", "erne", "ernes", "s", "kampagnen", "sygeplejersker")]
    expected = {w: textsim._stemmer().stemWord(w) for w in words}  # type: ignore[attr-defined]
    failures: list[BaseException] = []
    results: list[dict[str, str]] = []

    def work() -> None:
        try:
            stemmer = textsim._stemmer()
            got = {}
            for _ in range(300):
                for w in words:
                    got[w] = stemmer.stemWord(w)  # type: ignore[attr-defined]
            results.append(got)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [] and results == [expected] * 4
    # and each thread has a stemmer of its own
    others: list[object] = []
    t = threading.Thread(target=lambda: others.append(textsim._stemmer()))
    t.start(), t.join()
    assert others[0] is not textsim._stemmer()
