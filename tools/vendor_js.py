#!/usr/bin/env python3
"""Refresh the JavaScript components vendored into kg/linked/static/vendor from the npm
registry, so that pages work offline (no CDN). Needs npm; the project does not at run time.

    python3 tools/vendor_js.py [FOLDER...]

Each component is pinned here by name and version; its licence file goes beside it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "kg" / "linked" / "static" / "vendor"

#: folder -> (npm package, version, files to copy from the package)
COMPONENTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "yasgui": ("@zazuko/yasgui", "4.6.2", ("build/yasgui.min.js", "build/yasgui.min.css")),
    "cytoscape": ("cytoscape", "3.34.4", ("dist/cytoscape.min.js", "LICENSE")),
    # the OpenAPI page /docs
    "swagger-ui": (
        "swagger-ui-dist",
        "5.36.0",
        ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"),
    ),
}


def fetch(package: str, version: str, files: tuple[str, ...], target: Path) -> None:
    """Download the package tarball with `npm pack` and copy the files into ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--json", "--silent"],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
        )
        tarball = Path(tmp) / json.loads(done.stdout)[0]["filename"]
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        source = Path(tmp) / "package"
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(source / name, target / Path(name).name)
        meta = json.loads((source / "package.json").read_text())
        (target / "SOURCE.txt").write_text(
            f"{package} {version} from the npm registry, licence {meta.get('license')}\n"
            f"files: {', '.join(files)}\nrefresh with: python3 tools/vendor_js.py\n"
        )


def main(only: list[str]) -> None:
    for folder, (package, version, files) in COMPONENTS.items():
        if only and folder not in only:
            continue
        fetch(package, version, files, VENDOR / folder)
        print(f"{package}@{version} -> {VENDOR / folder}")


if __name__ == "__main__":
    main(sys.argv[1:])  # the folders to refresh; all without arguments
