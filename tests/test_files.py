"""Files in and out as a user meets them: inputs read only as bounded regular files."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import PLAN, ROOT, RunCli

METRICS = ROOT / "metrics"
REPORT = ("report", "--plan", PLAN, "--metrics", METRICS, "--as-of", "2024-11-25")
ENV = {
    "PATH": os.environ.get("PATH", ""),
    "HOME": "/nonexistent",
    "NO_COLOR": "1",
    "PYTHONPATH": str(ROOT / "src"),
}


def test_a_socket_in_a_metrics_folder_is_skipped(run_cli: RunCli, tmp_path: Path) -> None:
    import socket

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "2024-11-25.yaml").write_bytes((METRICS / "2024-11-25.yaml").read_bytes())
    here = Path.cwd()
    os.chdir(folder)  # a socket's path must be short
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind("s.yaml")
            result = run_cli(
                "status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25",
                "--fail-on", "never", "--format", "json",
            )  # fmt: skip
    finally:
        os.chdir(here)
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"{folder}/s.yaml: warning PF003 bỏ qua: không phải tệp thường mà là socket\n"
    )
