"""What the scripts that write source files share: write the file, then format it with the
project's ruff, so that a generated module reads (and diffs) like the rest."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_formatted(path: Path, text: str) -> None:
    """Write `text` to `path` and format it with ruff; exit with a message without ruff."""
    path.write_text(text, encoding="utf-8")
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        sys.exit("ruff is needed to format the file (pip install -e '.[test]')")
    subprocess.run([ruff, "format", "--quiet", str(path)], check=True)
    print(f"wrote {path.relative_to(ROOT)}")
