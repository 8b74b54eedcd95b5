"""`import khaldun` stays light: heavy libraries load only where they are used."""

from __future__ import annotations

import subprocess
import sys


def test_import_khaldun_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, khaldun, khaldun.model, khaldun.errors;"
        "heavy = [m for m in ('spacy', 'sqlalchemy', 'pyarrow', 'trafilatura', 'dask', 'fastapi')"
        " if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
