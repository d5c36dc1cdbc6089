"""Privacy stage: what of a parsed document may be stored, and the last check on its graph.

A stage of its own, between parse and extract, that the build calls (`kg.reading` runs
the gate on each parsed document, `kg.preparing` the last check on each mapped graph):
so the mapping (`kg.rdf`) and the extraction stay unaware of it, and a newcomer finds
what is withheld, and where it is enforced, under one name.

- `kg.privacy.rules`: what is withheld from a text (CPR numbers, private e-mail
  addresses, phone numbers) and what stands in its place;
- `kg.privacy.gate`: the gate on a parsed document (`apply_privacy`; closed items keep
  only that they exist), with the report of what it withheld (`Redaction`);
- `kg.privacy.literals`: the last line, on the literals of a mapped graph;
- `kg.privacy.report`: the store's ``redactions.csv``.
"""

from __future__ import annotations

from kg.privacy.gate import Redaction, apply_privacy, withhold_closed
from kg.privacy.literals import redact_graph, redact_literals
from kg.privacy.report import write_report
from kg.privacy.rules import PrivacyRules, RedactionKind, redact_text

__all__ = [
    "PrivacyRules",
    "Redaction",
    "RedactionKind",
    "apply_privacy",
    "redact_graph",
    "redact_literals",
    "redact_text",
    "withhold_closed",
    "write_report",
]
