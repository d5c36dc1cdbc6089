"""The worker processes that prepare a build's batches yield the machine to its loads."""

from __future__ import annotations

import os

import pytest

from kg.loading import NICENESS
from kg.preparing import start_worker
from kg.workers import pack, pool


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities (os.nice) here")
def test_a_preparing_worker_runs_lower_than_the_build() -> None:
    here = os.nice(0)
    with pool(1, start_worker, pack(None), NICENESS) as executor:
        assert executor.submit(os.nice, 0).result() == min(here + NICENESS, 19)
    assert os.nice(0) == here  # the build itself keeps its priority
