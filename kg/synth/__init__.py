"""Synthetic corpora: realistic minutes and agendas of invented committees, with their truth.

`synthesize` writes documents in the formats of the seeds (text and PDF, Danish and some
English) and a manifest of what a correct build of them contains, for trying the tool
and for benchmarks.
"""

from kg.synth.run import TRUTH, SynthReport, synthesize
from kg.synth.settings import SynthSettings

__all__ = ["TRUTH", "SynthReport", "SynthSettings", "synthesize"]
