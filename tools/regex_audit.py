#!/usr/bin/env python3
"""Look for regular expressions in kg/ that backtrack super-linearly.

    .venv/bin/python tools/regex_audit.py [NAME-PART]

Collects every compiled pattern a module of kg/ holds and every literal pattern passed to
``re.compile``/``search``/``finditer``/... in its source, then times ``finditer`` and
``match`` of each on inputs made of one repeated unit (letters, digits, spaces, full
stops, the pattern's own words...) at two lengths, four times apart. A pattern whose time
grows more than 8 times is listed, with the unit and the two times: linear growth is 4,
quadratic 16. Scanning with ``finditer`` is the worst case; a pattern only ever used with
``match``/``fullmatch`` on one line is bounded by that line's length, so read the call site
before rewriting one. Issue 15 found INVITED_SENTENCE this way (197 s for 50 kB).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

UNITS = (
    *("a", "A", "1", " ", ".", "\n", "-", ",", ":", "/", "@", "<", "&", "'", '"', "#", "\t"),
    *("Aa ", "a.", "1 ", "Ab Cd ", ". a", "a ", "Aa", "1.", "12 ", "a,", "Æø ", "a@", "x-"),
    *("  \n", "A. ", "Aa-Bb ", "og ", "Aa og ", "1. ", "+45 ", "12 34 ", "a/", "a:", " .", "- "),
    *("Aa, ", "Aa. ", "aA", "a1", "1a"),
)
ENDINGS = ("", "!", "\n", ".")


def patterns() -> dict[tuple[str, int], str]:
    """Each pattern of kg/ (text and flags) and where it is."""
    import kg

    found: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for item in value if isinstance(value, tuple | list) else (value,):
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.setdefault((item.pattern, item.flags), f"{info.name}.{name}")
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault((first.value, re.compile(first.value).flags), where)
    return found


def _seconds(pattern: re.Pattern[str], text: str) -> float:
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.match(text)
    return time.perf_counter() - started


def worst(pattern: re.Pattern[str]) -> tuple[float, str, float, float]:
    """The largest growth of time over four times the input: (growth, unit, t1, t4)."""
    own = re.findall(r"[A-Za-zÆØÅæøå]{2,}", pattern.pattern)[:6]
    result = (0.0, "", 0.0, 0.0)
    for unit in (*UNITS, *own, *(w + " " for w in own)):
        for ending in ENDINGS:
            count = max(1, 1500 // len(unit))
            short = _seconds(pattern, unit * count + ending)
            if short < 0.002:  # too fast to tell
                continue
            long = _seconds(pattern, unit * count * 4 + ending)
            if long / short > result[0]:
                result = (long / short, f"{unit!r}+{ending!r}", short, long)
    return result


def main(only: str | None) -> None:
    found = patterns()
    print(f"{len(found)} patterns", flush=True)
    flagged = 0
    for (text, flags), where in sorted(found.items(), key=lambda kv: kv[1]):
        if only and only not in where:
            continue
        growth, unit, short, long = worst(re.compile(text, flags))
        if growth > 8:
            flagged += 1
            print(f"{where}: x{growth:.0f} on {unit} ({short:.3f} s -> {long:.3f} s)")
            print(f"    {text[:110]!r}", flush=True)
    print(f"{flagged} of {len(found)} grow more than linearly on some input")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
