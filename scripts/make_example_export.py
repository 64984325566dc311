"""Write examples/mot-cua-2024.csv: the department's one-stop-shop export (phần mềm Một cửa)
for 2024 as it stood at the end of 25/11/2024, as the provincial portal exports it (the
headers of contract §7 and the portal's aliases, semicolons, a BOM, CRLF), for
`parcheck dossiers`.

It is the source of the dossier figures of the story in docs/example-story.md: 350 dossiers
submitted by 25/11 (313 by 25/10), one of them late (000.00.17.H34-240923-0015, with its
apology slip), every one digitised, pauses all documented, no second request for
supplements, and the three online dossiers the story names under III.4.b. So
`parcheck dossiers … --as-of 2024-11-25 --write-metrics F` gives the figures of
metrics/2024-11-25.yaml and `status --metrics metrics/ --metrics F` reads both without a
conflict. Two rows cannot be counted, as happens in real exports: a date that does not exist
and a dossier exported twice; `parcheck dossiers` lists them.

Deterministic (seeded): run it again after editing and commit the file.

    .venv/bin/python scripts/make_example_export.py
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from parcheck.engine.calendar import WorkCalendar
from parcheck.plan.load import load_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "kh2024.yaml"
OUT = ROOT / "examples" / "mot-cua-2024.csv"
SEED = 2024
FIRST, LAST = dt.date(2024, 1, 2), dt.date(2024, 11, 25)
OCTOBER_REPORT = dt.date(2024, 10, 25)
BY_OCTOBER, AFTER_OCTOBER = 313, 37  # the story: 312/313 on 25/10, 349/350 on 25/11

HEADER = (
    "STT", "Mã hồ sơ", "Tên TTHC", "Hình thức", "Ngày nộp hồ sơ", "Ngày tiếp nhận",
    "Ngày hẹn trả", "Ngày kết thúc xử lý", "Cán bộ xử lý", "Đơn vị xử lý", "Số hóa",
    "Tạm dừng", "Lý do tạm dừng", "Văn bản tạm dừng", "Đã thông báo", "Phiếu xin lỗi",
    "Số lần yêu cầu bổ sung", "Trạng thái",
)  # fmt: skip

TRADE = "Phòng Quản lý thương mại"
SAFETY = "Phòng Kỹ thuật an toàn - Môi trường"
ENERGY = "Phòng Quản lý năng lượng"
INDUSTRY = "Phòng Quản lý công nghiệp"

# (procedure, unit, working days to the due date, weight, share submitted online)
PROCEDURES = (
    ("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", TRADE, 15, 9, 0.6),
    ("Cấp sửa đổi Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", TRADE, 10, 4, 0.6),
    ("Cấp Giấy phép bán buôn rượu", TRADE, 10, 4, 0.7),
    ("Cấp Giấy phép bán lẻ rượu", TRADE, 10, 3, 0.7),
    ("Cấp Giấy phép bán buôn sản phẩm thuốc lá", TRADE, 15, 2, 0.5),
    ("Đăng ký tổ chức hội chợ, triển lãm thương mại tại Việt Nam", TRADE, 5, 5, 0.9),
    ("Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm", SAFETY, 20, 8, 0.5),
    ("Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán LPG chai", SAFETY, 15, 3, 0.5),
    ("Cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp", SAFETY, 5, 2, 0.4),
    ("Cấp giấy phép hoạt động tư vấn chuyên ngành điện", ENERGY, 15, 3, 0.8),
    ("Cấp Thẻ kiểm tra viên điện lực", ENERGY, 7, 3, 0.8),
    ("Cấp Giấy phép sản xuất rượu công nghiệp", INDUSTRY, 15, 1, 0.5),
)  # fmt: skip

OFFICIALS = {
    TRADE: ("Nguyễn Thị Thu Hà", "Trần Minh Khoa", "Lê Hoàng Phúc"),
    SAFETY: ("Phạm Văn Tâm", "Võ Thị Ngọc Lan"),
    ENERGY: ("Đặng Quốc Huy",),
    INDUSTRY: ("Huỳnh Thị Mỹ Duyên",),
}

PAUSE_REASONS = (
    "Chờ kết quả kiểm tra thực tế tại cơ sở",
    "Chờ ý kiến của UBND cấp huyện",
    "Chờ ý kiến của Công an tỉnh về phòng cháy, chữa cháy",
    "Chờ kết quả lấy mẫu kiểm nghiệm",
)


@dataclass
class Dossier:
    code: str
    procedure: str
    unit: str
    channel: str
    submitted: dt.datetime
    accepted: dt.datetime
    due: dt.date
    finished: dt.datetime | None
    official: str
    pause: tuple[str, str] | None = None  # reason, document
    apology: bool = False
    supplements: int = 0


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


class Maker:
    def __init__(self) -> None:
        plan = load_plan(PLAN).plan
        assert plan is not None
        self.cal = WorkCalendar(plan.calendar)
        self.rng = random.Random(SEED)
        self.days = [
            FIRST + dt.timedelta(n)
            for n in range((LAST - FIRST).days + 1)
            if self.cal.is_working_day(FIRST + dt.timedelta(n))
        ]

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return [d for d in self.days if start <= d <= end]

    def dossier(self, day: dt.date, number: int) -> Dossier:
        rng = self.rng
        weights = [p[3] for p in PROCEDURES]
        procedure, unit, limit, _, online = rng.choices(PROCEDURES, weights)[0]
        official = rng.choice(OFFICIALS[unit])
        roll = rng.random()
        channel = "Trực tuyến" if roll < online else "Trực tiếp"
        if channel == "Trực tiếp" and rng.random() < 0.12:
            channel = "Bưu chính công ích"
        if channel == "Trực tuyến":
            evening = rng.random() < 0.15 and day < LAST
            if evening:  # sent in the evening: intake starts the next morning
                submitted = dt.datetime.combine(
                    day, dt.time(rng.randint(18, 22), rng.randint(0, 59))
                )
            else:
                latest = 11 if day == LAST else 16  # the export's day: accepted by its end
                submitted = dt.datetime.combine(
                    day, dt.time(rng.randint(7, latest), rng.randint(1, 59))
                )
            hours = rng.uniform(0.3, 2 if day == LAST else 6.5)
            accepted = minute(self.cal.add_working_hours(submitted, hours))
        else:
            submitted = dt.datetime.combine(
                day, dt.time(rng.choice((7, 8, 9, 10, 13, 14, 15, 16)), rng.randint(31, 59))
            )
            accepted = submitted + dt.timedelta(minutes=rng.randint(5, 25))
        due = self.cal.add_working_days(accepted.date(), limit)
        early = rng.choices((0, 1, 2, 3, 4, 5), (20, 20, 20, 15, 15, 10))[0]
        end = self.cal.add_working_days(due, -early) if early else due
        if end <= accepted.date():
            end = self.cal.add_working_days(accepted.date(), 1)
            end = min(end, due)
        finished: dt.datetime | None = dt.datetime.combine(
            end, dt.time(rng.randint(8, 16), rng.randint(0, 59))
        )
        assert finished is not None
        if finished <= accepted:
            finished = accepted + dt.timedelta(hours=2)
        if finished.date() > LAST:
            finished = None  # still open on 25/11, within its due date
        pause = None
        if rng.random() < 0.03:
            reason = rng.choice(PAUSE_REASONS)
            pause = (reason, f"Công văn số {rng.randint(900, 3200)}/SCT-{unit_short(unit)}")
        supplements = 1 if rng.random() < 0.12 else 0
        code = f"000.00.17.H34-{day:%y%m%d}-{number:04d}"
        return Dossier(
            code, procedure, unit, channel, submitted, accepted, due, finished, official,
            pause, supplements=supplements,
        )  # fmt: skip

    def story(self) -> list[Dossier]:
        """The dossiers docs/example-story.md names (III.4.b's three events, III.6's late one)."""
        d = dt.datetime
        return [
            Dossier(
                "000.00.17.H34-240503-0007", "Cấp Giấy phép bán buôn rượu", TRADE, "Trực tuyến",
                d(2024, 5, 3, 16, 10), d(2024, 5, 4, 9, 20), dt.date(2024, 5, 17),
                d(2024, 5, 15, 10, 30), "Trần Minh Khoa",
            ),
            Dossier(
                "000.00.17.H34-240830-0012", "Cấp Thẻ kiểm tra viên điện lực", ENERGY,
                "Trực tuyến", d(2024, 8, 30, 15, 40), d(2024, 9, 4, 8, 30), dt.date(2024, 9, 13),
                d(2024, 9, 12, 15, 0), "Đặng Quốc Huy",
            ),
            Dossier(
                "000.00.17.H34-240923-0015", "Cấp Giấy phép bán lẻ rượu", TRADE, "Trực tiếp",
                d(2024, 9, 23, 9, 45), d(2024, 9, 23, 10, 0), dt.date(2024, 10, 14),
                d(2024, 10, 16, 14, 20), "Lê Hoàng Phúc",
                pause=("Chờ ý kiến của UBND cấp huyện", "Công văn số 2741/SCT-QLTM"),
                apology=True,
            ),
            Dossier(
                "000.00.17.H34-241122-0003", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ "
                "xăng dầu", TRADE, "Trực tuyến", d(2024, 11, 22, 9, 30), d(2024, 11, 22, 14, 5),
                dt.date(2024, 12, 13), None, "Nguyễn Thị Thu Hà",
            ),
        ]  # fmt: skip

    def all(self) -> list[Dossier]:
        story = self.story()
        before = [s for s in story if s.submitted.date() <= OCTOBER_REPORT]
        days = self.rng.choices(
            self.working_days(FIRST, OCTOBER_REPORT), k=BY_OCTOBER - len(before)
        ) + self.rng.choices(
            self.working_days(OCTOBER_REPORT + dt.timedelta(1), LAST),
            k=AFTER_OCTOBER - (len(story) - len(before)),
        )
        taken = {s.code for s in story}
        made = sorted((self.dossier(day, 0) for day in sorted(days)), key=lambda x: x.submitted)
        numbers: dict[dt.date, int] = {}
        for x in made:  # numbered in the order of submission, the story's numbers kept
            day = x.submitted.date()
            number = numbers.get(day, 0) + 1
            while f"000.00.17.H34-{day:%y%m%d}-{number:04d}" in taken:
                number += 1
            numbers[day] = number
            x.code = f"000.00.17.H34-{day:%y%m%d}-{number:04d}"
        return sorted(made + story, key=lambda x: (x.submitted, x.code))


def unit_short(unit: str) -> str:
    return {TRADE: "QLTM", SAFETY: "KTATMT", ENERGY: "QLNL", INDUSTRY: "QLCN"}[unit]


def row(x: Dossier) -> list[str]:
    pause = x.pause
    return [
        "", x.code, x.procedure, x.channel, stamp(x.submitted),
        stamp(x.accepted) if x.accepted.date() <= LAST else "",
        x.due.strftime("%d/%m/%Y"), stamp(x.finished) if x.finished else "", x.official,
        x.unit, "Có", "Có" if pause else "Không", pause[0] if pause else "",
        pause[1] if pause else "", "Có" if pause else "", "Có" if x.apology else "",
        str(x.supplements), "Đã trả kết quả" if x.finished else "Đang xử lý",
    ]  # fmt: skip


def rows() -> list[list[str]]:
    dossiers = Maker().all()
    body = [row(x) for x in dossiers]
    # Two rows a real export carries and parcheck cannot count: a dossier exported twice
    # (the portal's sync ran twice in July) and a submission date that does not exist.
    twice = next(i for i, x in enumerate(dossiers) if x.submitted.month == 7)
    body.insert(twice + 1, list(body[twice]))
    bad = next(i for i, x in enumerate(dossiers) if x.submitted.month == 6)
    wrong = list(body[bad + 1])
    wrong[1] = wrong[1][:-4] + "0099"
    wrong[4] = "31/06/2024" + wrong[4][10:]
    body.insert(bad + 2, wrong)
    for number, line in enumerate(body, start=1):
        line[0] = str(number)
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where to write (default: %(default)s)"
    )
    out = parser.parse_args().out
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))


if __name__ == "__main__":
    main()
