"""`parcheck dossiers` against Python's csv module merely reading the same export.

    python benchmarks/dossiers.py [--rows 10000,100000,1000000] [--runs 5] [--keep DIR]

An export like a province's (Vietnamese headers, semicolons, a BOM, dates in four forms,
60 % online, 0.25 % bad rows: impossible dates, unknown channels, duplicate codes, finishes
before submissions) is generated in a temporary folder for each size. Every run is cold: a
fresh process with a fresh, empty HOME. The runs are interleaved (a round runs the floor
and each command once) so that a busy machine slows them alike; one untimed round first
puts the file in the operating system's cache for all of them.

- floor: `csv.reader` reading every row and doing nothing with it (with `import csv`);
- `parcheck dossiers FILE --format table` and `--format json` (written to /dev/null).

Each figure is the median of the runs, as wall time and as CPU time (the child's user +
system time), each with its ratio to the floor, and the peak memory (the largest max RSS of
the child over the runs). Small files are dominated by starting Python and importing polars
(~0.1 s): the ratio means something for large files only. On a machine other work keeps
busy, wall times move more than CPU times.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "kh2024.yaml"
AS_OF = "2025-01-06"
FLOOR = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
    "    for row in csv.reader(f, delimiter=';'):\n"
    "        pass\n"
)
HEADER = [
    "Mã hồ sơ", "Thủ tục", "Kênh nộp", "Ngày nộp", "Ngày tiếp nhận", "Hạn trả kết quả",
    "Ngày có kết quả", "Cán bộ xử lý", "Phòng xử lý", "Số hóa", "Tạm dừng", "Lý do tạm dừng",
    "Văn bản tạm dừng", "Đã thông báo", "Phiếu xin lỗi", "Số lần yêu cầu bổ sung",
]  # fmt: skip
PROCEDURES = [
    "Cấp Giấy phép bán lẻ rượu", "Cấp Giấy phép kinh doanh sản phẩm thuốc lá",
    "Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm", "Cấp Giấy phép sản xuất rượu thủ công",
    "Cấp Giấy xác nhận ưu đãi dự án sản xuất sản phẩm công nghiệp hỗ trợ",
    'Thẩm định thiết kế "dự án nhóm B"; điều chỉnh',
]  # fmt: skip
UNITS = ["Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp", "Phòng Kỹ thuật an toàn"]
NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"]
GIVEN = ["Văn An", "Thị Bình", "Hữu Cường", "Thị Dung", "Minh Giang", "Ngọc Hà", "Quốc Huy"]
FORMS = ["%d/%m/%Y %H:%M"] * 88 + ["%d/%m/%Y %H:%M:%S"] * 8 + ["%Y-%m-%d %H:%M:%S"] * 4


def generate(rows: int, path: Path, seed: int = 7) -> None:
    """An export of `rows` dossiers submitted in 2024, written to `path`."""
    rnd = random.Random(seed)
    officials = [f"{a} {b}" for a in NAMES for b in GIVEN]
    start = dt.datetime(2024, 1, 2, 7, 0)
    codes: list[str] = []
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        out = csv.writer(file, delimiter=";", lineterminator="\r\n")
        out.writerow(HEADER)
        for n in range(rows):
            form = rnd.choice(FORMS)
            day = start + dt.timedelta(days=rnd.randrange(360), minutes=rnd.randrange(600))
            online = rnd.random() < 0.6
            accepted = day + dt.timedelta(minutes=int(rnd.expovariate(1 / 90)))
            days = rnd.choice([3, 5, 7, 10, 15])
            due = (day + dt.timedelta(days=days)).date()
            finished = None
            if day.month < 12 or rnd.random() < 0.5:  # some 3 % late, as in a province's year
                late = rnd.random() < 0.03
                taken = days + rnd.randrange(1, 6) if late else rnd.randrange(0, days + 1)
                finished = day + dt.timedelta(days=taken, hours=2)
            supplements = rnd.choices(["0", "1", "2", "3", ""], [88, 9, 0.7, 0.3, 2])[0]
            paused = rnd.random() < 0.03
            code = f"000.00.{rnd.randrange(10, 40)}.H34-{day:%y%m%d}-{n:07d}"
            row = [
                code,
                rnd.choice(PROCEDURES),
                ("Trực tuyến" if online else rnd.choice(["Trực tiếp", "Bưu chính công ích"]))
                if rnd.random() < 0.9
                else ("2" if online else "1"),
                day.strftime(form),
                "" if online and rnd.random() < 0.05 else accepted.strftime(form),
                due.strftime("%d/%m/%Y"),
                "" if finished is None else finished.strftime(form),
                rnd.choice(officials),
                rnd.choice(UNITS),
                "Có" if rnd.random() < 0.8 else "Không",
                "Có" if paused else "Không",
                "Chờ ý kiến cơ quan liên quan" if paused and rnd.random() < 0.8 else "",
                f"{rnd.randrange(1, 999)}/TB-SCT" if paused and rnd.random() < 0.8 else "",
                ("Có" if rnd.random() < 0.85 else "Không") if paused else "",
                "Có" if rnd.random() < 0.1 else "Không",
                supplements,
            ]
            bad = rnd.random()
            if bad < 0.0005:
                row[3] = rnd.choice(["31/02/2024 08:00", "N/A", "2024-13-01 10:00:00"])
            elif bad < 0.0010:
                row[2] = rnd.choice(["Fax", "4", "Email"])
            elif bad < 0.0015 and codes:
                row[0] = rnd.choice(codes[-1000:])
            elif bad < 0.0020 and finished is not None:
                row[6] = (day - dt.timedelta(days=2)).strftime(form)
            elif bad < 0.0025:
                row[5] = ""
            codes.append(row[0])
            out.writerow(row)


def parcheck() -> list[str]:
    found = shutil.which("parcheck", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "parcheck"]


def run(args: list[str], home: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, max RSS MB) of one cold child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARCHECK_", "XDG_"))}
    env["HOME"] = str(home)
    began = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, env=env, cwd=home)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the exports here and keep them")
    options = parser.parse_args()
    sizes = [int(n) for n in options.rows.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {options.runs} runs")
        print(f"{'rows':>9} {'MB':>6}  {'what':<16} {'wall s':>7} {'ratio':>6} "
              f"{'CPU s':>7} {'ratio':>6} {'peak MB':>8}")  # fmt: skip
        for rows in sizes:
            export = folder / f"export-{rows}.csv"
            if not export.exists():
                generate(rows, export)
            commands = {
                "csv.reader": [sys.executable, "-c", FLOOR, str(export)],
                "dossiers table": [
                    *parcheck(), "dossiers", str(export), "--plan", str(PLAN), "--as-of", AS_OF
                ],
                "dossiers json": [
                    *parcheck(), "dossiers", str(export), "--plan", str(PLAN), "--as-of", AS_OF,
                    "--format", "json",
                ],
            }  # fmt: skip
            times: dict[str, list[tuple[float, float, float]]] = {k: [] for k in commands}
            for round_ in range(options.runs + 1):
                for name, args in commands.items():
                    with tempfile.TemporaryDirectory() as home:
                        measured = run(args, Path(home))
                    if round_:  # the first round only warms the file cache
                        times[name].append(measured)
            floor_wall = statistics.median(t[0] for t in times["csv.reader"])
            floor_cpu = statistics.median(t[1] for t in times["csv.reader"])
            size = export.stat().st_size / 1e6
            for name, measured in times.items():
                wall = statistics.median(t[0] for t in measured)
                cpu = statistics.median(t[1] for t in measured)
                peak = max(t[2] for t in measured)
                print(
                    f"{rows:>9} {size:>6.0f}  {name:<16} {wall:>7.3f} {wall / floor_wall:>6.2f} "
                    f"{cpu:>7.3f} {cpu / floor_cpu:>6.2f} {peak:>8.0f}"
                )


if __name__ == "__main__":
    main()
