"""Optional dependencies: the heavy libraries only some commands need, installed as pip
extras (``pip install 'minutes-kg[draw]'``), and the message when one is missing.

| extra | libraries | for |
|---|---|---|
| ``draw`` | matplotlib, scipy | PNG and SVG drawings of relation graphs (``kg graph -o x.svg``) |
| ``synth`` | fpdf2 | the PDF documents of ``kg synth`` |
"""

from __future__ import annotations

import importlib

from kg.errors import KgError


class MissingExtra(KgError):
    """A command needs an optional dependency that is not installed (exit code 2)."""


def require(*modules: str, extra: str, purpose: str) -> None:
    """Import each of ``modules``, or raise `MissingExtra` naming the pip extra to install.

    >>> require("json", extra="draw", purpose="reading JSON")
    >>> require("no_such_module_kg", extra="draw", purpose="drawing")
    Traceback (most recent call last):
    ...
    kg.extras.MissingExtra: drawing needs no_such_module_kg, which is not installed (install it with: pip install 'minutes-kg[draw]')
    """  # noqa: E501
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise MissingExtra(
                f"{purpose} needs {module}, which is not installed",
                hint=f"install it with: pip install 'minutes-kg[{extra}]'",
            ) from exc
