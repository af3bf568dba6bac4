"""Printing a night's worth of certificates: 500 pages through ``build_certificates``.

Measured: ``build_certificates`` for 500 certificates (realistic names, among them accented,
Cyrillic and 60-character ones), from data to PDF bytes, fonts already registered.
Baseline, in the same run: a bare ReportLab loop writing the same text in the same TrueType
fonts and sizes onto one canvas, one page each, with no fitting, border or QR code.
Both are repeated and the medians compared.

Target: ratio <= 3.

Also printed, to show where the time goes: encoding the 500 QR codes alone (segno).

    python bench/certificates.py [--count N] [--repeats N]
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import statistics
import time

from _common import print_result
from reportlab.pdfgen.canvas import Canvas

from sassot_desktop.certificates import codes
from sassot_desktop.documents import certificates as builder
from sassot_desktop.documents.certificates import Certificate, build_certificates
from sassot_desktop.documents.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from sassot_desktop.documents.qr import matrix
from sassot_desktop.formatting import long_date

TARGET_RATIO = 3.0
FIRST_NAMES = (
    "Zoë", "Łukasz", "Siân", "Ayşe", "Olga", "Aoife", "James", "Priya", "Mohammed", "Chloe",
    "Daniel", "Grace", "Tomasz", "Emily", "Oliver", "Harpreet", "Sophie", "Liam", "Amira", "Jack",
)  # fmt: skip
LAST_NAMES = (
    "Ó'Brien", "Wiśniewski", "Llŵyd-Jones", "Yılmaz", "Кузнецова", "Ní Bhriain", "Smith",
    "Patel", "Hussain", "Taylor", "Evans", "Kowalczyk", "Brown", "Wilson", "Singh", "Walker",
    "Wright", "Robinson", "Thompson", "Hughes",
)  # fmt: skip
LONG_NAMES = (
    "Maximilian Alexander Fitzgerald-Montgomery Wiśniewski-Ó'Brien",  # 60+ characters
    "Anna-Katharina Przybyszewska-Llŵyd-Jones of Newcastle-under-Lyme",
    "Siobhán Aoife Ní Bhriain-Kuznetsova Кузнецова-Yılmaz Ó'Sullivan",
)
COURSES = (
    "Safeguarding and Protecting Children",
    "Emergency First Aid",
    "How to Coach Disabled People in Sport",
    "Equity in Your Coaching",
    "An Introduction to Long-Term Athlete Development",
)
VENUES = ("Stafford Leisure Centre", "Burton Albion Community Hub", "", "Tamworth Rugby Club")
TUTORS = ("Jane Smith", "Rajesh Kumar", None)


def make_certificates(count: int, rng: random.Random) -> list[Certificate]:
    course = rng.choice(COURSES)
    venue, tutor = rng.choice(VENUES), rng.choice(TUTORS)
    day = datetime.date(2026, 11, 23)
    made = []
    for number in range(count):
        if number % 25 == 0:
            name = LONG_NAMES[number // 25 % len(LONG_NAMES)]
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        payload = "".join(rng.choice(codes.ALPHABET) for _ in range(codes.RANDOM_SYMBOLS))
        code = codes.printed(payload + codes.check_symbol(payload))
        made.append(Certificate(name, course, day, venue, tutor, code))
    return made


def bare_loop(certificates: list[Certificate]) -> bytes:
    """The same words in the same fonts, one page each, with nothing fitted or drawn around."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(builder.PAGE_WIDTH, builder.PAGE_HEIGHT),
        initialFontName=SANS,
        invariant=1,
    )
    centre = builder.CENTRE
    for certificate in certificates:
        canvas.setFont(SANS_BOLD, 12)
        canvas.drawCentredString(centre, 500, builder.PARTNERSHIP.upper())
        canvas.setFont(SERIF_BOLD, 34)
        canvas.drawCentredString(centre, 440, builder.TITLE)
        canvas.setFont(SANS, 13)
        canvas.drawCentredString(centre, 390, "This is to certify that")
        canvas.setFont(SERIF_BOLD, 40)
        canvas.drawCentredString(centre, 340, certificate.name)
        canvas.setFont(SANS, 13)
        canvas.drawCentredString(centre, 300, "attended")
        canvas.setFont(SERIF_BOLD, 24)
        canvas.drawCentredString(centre, 270, certificate.course)
        canvas.setFont(SANS, 13)
        canvas.drawCentredString(centre, 240, f"on {long_date(certificate.date)}")
        canvas.drawCentredString(centre, 220, f"Tutor: {certificate.tutor}")
        canvas.setFont(SANS, 9)
        canvas.drawString(600, 100, "Verification code")
        canvas.setFont(SANS_BOLD, 14)
        canvas.drawString(600, 80, certificate.code)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work, *args) -> tuple[float, bytes]:
    started = time.perf_counter()
    result = work(*args)
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="certificates (default 500)")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of each (default 7)")
    args = parser.parse_args()

    register_fonts(SANS, SANS_BOLD, SERIF, SERIF_BOLD)
    certificates = make_certificates(args.count, random.Random(2026))
    build_certificates(certificates[:5])  # warm up: font subsetting, imports
    bare_loop(certificates[:5])

    built, bare, encoded = [], [], []
    for _ in range(args.repeats):  # interleaved, so a busy moment hurts both alike
        ms, pdf = timed(build_certificates, certificates)
        built.append(ms)
        bare.append(timed(bare_loop, certificates)[0])
        encoded.append(timed(lambda: [matrix(c.code) for c in certificates])[0])

    value, baseline = statistics.median(built), statistics.median(bare)
    ratio = value / baseline
    passed = ratio <= TARGET_RATIO
    print(f"{args.count} certificates, {args.repeats} runs each, medians:")
    print(f"  build_certificates        {value:8.1f} ms  ({len(pdf) / 1024:.0f} KiB PDF)")
    print(f"  bare ReportLab loop       {baseline:8.1f} ms  (baseline)")
    print(f"  of the build, QR encoding {statistics.median(encoded):8.1f} ms")
    print(f"  per certificate           {value / args.count:8.3f} ms")
    print(
        f"Target ratio <= {TARGET_RATIO:g}: {'PASSED' if passed else 'MISSED'} (ratio {ratio:.2f})"
    )
    print_result(
        value,
        "ms",
        baseline,
        certificates=args.count,
        repeats=args.repeats,
        target=TARGET_RATIO,
        passed=passed,
        qr_encoding_ms=round(statistics.median(encoded), 3),
        runs_ms=[round(ms, 1) for ms in built],
        baseline_runs_ms=[round(ms, 1) for ms in bare],
    )


if __name__ == "__main__":
    main()
