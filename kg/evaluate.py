"""How well the reader reads: each labelled document read as a build reads it (ingest,
parse, sidecar metadata, privacy gate), compared field by field with hand labels.

The labels are a JSON object from file name to what a careful reader takes from that
file (the format of ``labels.json`` in minutes-kg's development corpus): ``kind``,
``municipality``, ``committee``, ``date``, ``start``, ``end``, ``place`` (null where the
text does not say), ``present`` and ``absent`` (lists of names; null where the text has
no such list), ``items`` (``number``, ``title``, ``open``, ``case``).

A single-valued field counts a true positive where the reader's value equals the label,
a false positive where the reader gives a value the label does not have, a false
negative where the label's value is missed. Names and items are sets per document;
names are compared only where the label has a list. Texts are compared without case,
runs of white space and edge punctuation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, UsageError
from kg.parse.model import MinutesDoc
from kg.privacy import apply_privacy
from kg.reading import fault, parse_file
from kg.settings import BuildSettings

#: The fields scored, in the order they are printed.
FIELDS = (
    "load", "kind", "municipality", "committee", "date", "start", "end", "place",
    "present", "absent", "items", "open", "case",
)  # fmt: skip


@dataclass
class Score:
    """Counts of one field over a corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    #: Where the reader was wrong: (file, what the label says, what the reader said).
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """The scores of every field, and the documents that could not be read."""

    scores: dict[str, Score]
    errors: dict[str, str]

    def rows(self) -> list[dict[str, Any]]:
        """One row per field: counts, precision, recall and F1."""
        return [
            {
                "field": name,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for name, s in self.scores.items()
        ]


def norm(value: object) -> str:
    """A value as compared: text without case, white-space runs or edge punctuation."""
    text = " ".join(str(value).replace("–", "-").split()).casefold()
    return text.strip(" .,:;")


def load_labels(path: Path) -> dict[str, dict[str, Any]]:
    """The labels file: file name to its labels; UsageError for a file of another form."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the labels ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise UsageError(
            f"{path}: labels must be a JSON object from file name to an object of fields",
            hint="see the format in the README (kg eval)",
        )
    return data


def evaluate(
    labels: Mapping[str, Mapping[str, Any]], docs: Mapping[str, MinutesDoc | InputError]
) -> Evaluation:
    """Score the read documents against their labels."""
    scores = {name: Score() for name in FIELDS}
    errors: dict[str, str] = {}
    for file, label in sorted(labels.items()):
        doc = docs.get(file)
        if doc is None or isinstance(doc, InputError):
            errors[file] = str(doc) if doc is not None else "not found"
            _count(scores["load"], file, True, False, "loads", "not read")
            continue
        _count(scores["load"], file, True, True, "loads", "loads")
        _score_fields(scores, file, label, doc)
    return Evaluation(scores, errors)


def evaluate_folder(labels_file: Path, folder: Path) -> Evaluation:
    """Read each labelled file of ``folder`` as a build reads it and score it."""
    labels = load_labels(labels_file)
    settings = BuildSettings()
    docs: dict[str, MinutesDoc | InputError] = {}
    for name in labels:
        path = folder / name
        try:
            docs[name] = apply_privacy(parse_file(path, name, settings), settings)[0]
        except InputError as exc:
            docs[name] = exc
        except Exception as exc:  # scored as not read, and said why
            docs[name] = InputError(path, fault(path, exc))
    return evaluate(labels, docs)


def _count(score: Score, file: str, wanted: object, got: object, shown: str, said: str) -> None:
    if wanted and got:
        score.tp += 1
    else:
        if got:
            score.fp += 1
        if wanted:
            score.fn += 1
        score.misses.append((file, shown, said))


def _single(score: Score, file: str, label: object, value: object) -> None:
    if label is None and value is None:
        return
    if label is not None and value is not None and norm(label) == norm(value):
        score.tp += 1
        return
    if value is not None:
        score.fp += 1
    if label is not None:
        score.fn += 1
    score.misses.append((file, str(label), str(value)))


def _sets(score: Score, file: str, label: Iterable[str], got: Iterable[str]) -> None:
    wanted = {norm(x) for x in label}
    found = {norm(x) for x in got}
    score.tp += len(wanted & found)
    score.fp += len(found - wanted)
    score.fn += len(wanted - found)
    if wanted != found:
        score.misses.append(
            (file, "; ".join(sorted(wanted - found)), "; ".join(sorted(found - wanted)))
        )


def _score_fields(
    scores: dict[str, Score], file: str, label: Mapping[str, Any], doc: MinutesDoc
) -> None:
    _single(scores["kind"], file, label.get("kind"), doc.kind.value)
    _single(
        scores["municipality"],
        file,
        label.get("municipality"),
        doc.municipality.value if doc.municipality else None,
    )
    _single(
        scores["committee"],
        file,
        label.get("committee"),
        doc.committee.value if doc.committee else None,
    )
    day = doc.day.value.isoformat() if doc.day else None
    _single(scores["date"], file, label.get("date"), day)
    start = doc.start.value.strftime("%H:%M") if doc.start else None
    _single(scores["start"], file, label.get("start"), start)
    end = doc.end.value.strftime("%H:%M") if doc.end else None
    _single(scores["end"], file, label.get("end"), end)
    _single(scores["place"], file, label.get("place"), doc.place.value if doc.place else None)
    for kind in ("present", "absent"):
        if label.get(kind) is not None:
            names = doc.present if kind == "present" else doc.absent
            _sets(scores[kind], file, label[kind], [n.value for n in names])
    _score_items(scores, file, label.get("items") or [], doc)


def _score_items(
    scores: dict[str, Score], file: str, items: Sequence[Mapping[str, Any]], doc: MinutesDoc
) -> None:
    got = {
        item.number.value: item
        for item in doc.items
        if item.number is not None and item.title is not None
    }
    _sets(
        scores["items"],
        file,
        [f"{i['number']} {i['title']}" for i in items],
        [f"{n} {item.title.value}" for n, item in got.items() if item.title],
    )
    for wanted in items:
        item = got.get(wanted["number"])
        public = item.public.value if item is not None and item.public is not None else None
        if wanted.get("open") is not None or public is not None:
            _single(scores["open"], f"{file} #{wanted['number']}", wanted.get("open"), public)
        case = item.case_id.value if item is not None and item.case_id is not None else None
        if wanted.get("case") is not None or case is not None:
            _single(scores["case"], f"{file} #{wanted['number']}", wanted.get("case"), case)


def table(evaluation: Evaluation) -> str:
    """The scores as a plain-text table."""
    head = f"{'field':<13} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7} {'F1':>6}"
    lines = [head, "-" * len(head)]
    for row in evaluation.rows():
        lines.append(
            f"{row['field']:<13} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
            f"{row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}"
        )
    return "\n".join(lines)


def misses(evaluation: Evaluation) -> str:
    """Where the reader differed from the labels, field by field."""
    out = []
    for name, score in evaluation.scores.items():
        for file, wanted, got in score.misses:
            out.append(f"{name:<12} {file}\n    label:  {wanted}\n    reader: {got}")
    for file, error in evaluation.errors.items():
        out.append(f"{'error':<12} {file}: {error}")
    return "\n".join(out)
