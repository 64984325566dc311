"""Files in and out as a user meets them: outputs written through devices, pipes and links
without replacing them, no temporary file left by Ctrl-C or SIGTERM, a failed write one
message and exit 2 (standard output too, a pipe closed early included), and inputs read
only as bounded regular files."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT, RunCli

METRICS = ROOT / "metrics"
REPORT = ("report", "--plan", PLAN, "--metrics", METRICS, "--as-of", "2024-11-25")
ENV = {
    "PATH": os.environ.get("PATH", ""),
    "HOME": "/nonexistent",
    "NO_COLOR": "1",
    "PYTHONPATH": str(ROOT / "src"),
}


def parcheck(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """parcheck run as a user runs it: its own process, its own stdout."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "parcheck", *map(str, args)],
        env=ENV,
        text=True,
        errors="replace",
        timeout=60,
        check=False,
        **{"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs},
    )


def the_report(run_cli: RunCli) -> str:
    result = run_cli(*REPORT)
    assert result.exit_code == 0
    return result.stdout


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_dev_null_is_written_through_and_stays_a_device(run_cli: RunCli) -> None:
    result = run_cli(*REPORT, "-o", "/dev/null")
    assert (result.exit_code, result.stderr) == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_is_written_through_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    pipe = tmp_path / "to-mail.md"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # the report (13 kB) fits the pipe
    try:
        result = run_cli(*REPORT, "-o", pipe)
        received = os.read(reader, 1 << 20).decode("utf-8")
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received == the_report(run_cli)


def test_dev_stdout_is_written_through(run_cli: RunCli, tmp_path: Path) -> None:
    piped = parcheck(*REPORT, "-o", "/dev/stdout")
    assert (piped.returncode, piped.stderr) == (0, "")
    assert piped.stdout == the_report(run_cli)
    redirected = tmp_path / "out.md"
    with redirected.open("w") as sink:
        assert parcheck(*REPORT, "-o", "/dev/stdout", stdout=sink).returncode == 0
    assert redirected.read_text(encoding="utf-8") == the_report(run_cli)
    calendar = parcheck("calendar", "--plan", PLAN, "--ics", "/dev/stdout")
    assert calendar.returncode == 0
    assert calendar.stdout.startswith("Lịch các thời hạn")
    assert calendar.stdout.index("(150)") < calendar.stdout.index("BEGIN:VCALENDAR")


def test_a_link_output_keeps_its_link_and_its_targets_permissions(
    run_cli: RunCli, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "bao-cao.md"
    target.write_text("tháng trước", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    result = run_cli(*REPORT, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == the_report(run_cli)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(shared) == [] and leftovers(tmp_path) == []


def test_a_new_output_gets_the_umask(run_cli: RunCli, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert run_cli(*REPORT, "-o", tmp_path / "new.md").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_ctrl_c_during_the_write_leaves_no_temporary_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_text("tháng trước", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = run_cli(*REPORT, "-o", target)
    monkeypatch.undo()
    assert result.exit_code == 130
    assert result.stderr == "parcheck: đã dừng (SIGINT)\n"
    assert target.read_text(encoding="utf-8") == "tháng trước"
    assert leftovers(tmp_path) == []


def test_a_failed_write_is_one_message_and_leaves_the_old_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_text("tháng trước", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    vi = run_cli(*REPORT, "-o", target)
    en = run_cli(*REPORT, "-o", target, "--lang", "en")
    monkeypatch.undo()
    assert (vi.exit_code, en.exit_code) == (2, 2)
    assert vi.stderr == f"parcheck: không ghi được {target}: đĩa đã đầy\n"
    assert en.stderr == f"parcheck: cannot write {target}: no space left on the device\n"
    assert target.read_text(encoding="utf-8") == "tháng trước"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_text("tháng trước", encoding="utf-8")
    # the signal arrives while the temporary file is being synced (SIGHUP: the terminal or
    # the SSH session closed)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        real = os.fsync
        def terminated(fd):
            os.kill(os.getpid(), signal.{name})
            real(fd)
        os.fsync = terminated
        from parcheck.cli import app
        app(sys.argv[1:], prog_name="parcheck")
        """
    )
    args = [*map(str, REPORT), "-o", str(target)]
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 128 + signal.Signals[name], result.stderr
    assert result.stderr == f"parcheck: đã dừng ({name})\n"
    assert target.read_text(encoding="utf-8") == "tháng trước"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anything")
def test_a_write_protected_output_is_kept(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "signed.md"
    target.write_text("đã ký", encoding="utf-8")
    target.chmod(0o444)
    result = run_cli(*REPORT, "-o", target)
    assert result.exit_code == 2
    assert result.stderr == f"parcheck: không ghi được {target}: không có quyền truy cập\n"
    assert target.read_text(encoding="utf-8") == "đã ký"


@pytest.mark.parametrize(
    "command",
    [
        ("validate", PLAN),
        ("status", "--plan", PLAN, "--metrics", METRICS, "--as-of", "2024-11-25"),
        REPORT,
        ("calendar", "--plan", PLAN),
    ],
    ids=lambda c: str(c[0]),
)
def test_stdout_on_a_full_disk_is_one_message(command: tuple[object, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = parcheck(*command, stdout=full)
    assert result.returncode == 2
    assert result.stderr == "parcheck: không ghi hoặc đọc được: đĩa đã đầy\n"


def big_plan(folder: Path, tasks: int = 500) -> Path:
    """A valid plan whose status output (350 kB as JSON) is far larger than a pipe holds."""
    lines = [
        "id: province",
        'title: "Synthetic plan"',
        "year: 2024",
        'owner: "Province"',
        'units: [{id: VP, name: "Văn phòng"}]',
        "sections:",
        "  - id: A",
        '    title: "Section A"',
        "    tasks:",
    ]
    for t in range(1, tasks + 1):
        lines += [
            f"      - id: A.{t}",
            f'        task: "Task A.{t}"',
            "        lead: VP",
            "        checks:",
            f'          - {{id: A.{t}.a, kind: threshold, title: "t", '
            f'target: {{op: ">=", value: 80, unit: "%"}}, due: 2024-12-15}}',
            f'          - {{id: A.{t}.b, kind: deliverable, title: "d", due: 2024-12-15}}',
        ]
    plan = folder / "plan.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("fmt", ["json", "table", "markdown"])
def test_a_pipe_closed_early_is_one_message_and_exit_2(
    tmp_path: Path, fmt: str, unbuffered: str
) -> None:
    """`parcheck status | head -1`: the reader leaves after one line. The output was cut
    short, so the run is not a success (exit 2), and it says so once, with no traceback
    and no "Exception ignored" at exit. With PYTHONUNBUFFERED=1 (usual in CI images),
    Python's own stdout took the pipe's short write for success and dropped the rest."""
    plan = big_plan(tmp_path)
    command = ["status", "--plan", plan, "--as-of", "2024-11-25", "--format", fmt]
    process = subprocess.Popen(
        [sys.executable, "-m", "parcheck", *map(str, command)],
        env={**ENV, "PYTHONUNBUFFERED": unbuffered},
        cwd=tmp_path,  # no metrics/ folder: every check without figures
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    with process.stderr:
        stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 2, stderr
    assert first.strip()
    assert stderr == "parcheck: không ghi hoặc đọc được: đầu đọc của ống đã đóng\n"


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
