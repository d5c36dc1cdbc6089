"""What the app state remembers (kg.web.state.Once): made once however many requests ask
at the same time, and not remembered when making it failed."""

from __future__ import annotations

import threading
import time

import pytest

from kg.web.state import Once


def test_concurrent_first_uses_wait_for_one_making() -> None:
    once: Once[list[int]] = Once()
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        time.sleep(0.05)  # long enough for the other threads to arrive meanwhile
        return [len(made)]

    found: list[list[int]] = []
    threads = [threading.Thread(target=lambda: found.append(once.get(make))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1]
    assert len(found) == 8 and all(f is found[0] for f in found)


def test_a_failed_making_is_tried_again() -> None:
    once: Once[str] = Once()

    def fail() -> str:
        raise OSError("the store is busy")

    with pytest.raises(OSError):
        once.get(fail)
    assert once.get(lambda: "made") == "made"
    assert once.get(lambda: "not made again") == "made"
