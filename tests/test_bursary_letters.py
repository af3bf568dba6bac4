"""Offer and decline letters read back: names, amounts and dates as written; fonts embedded;
and the draft e-mails carry the very letter."""

from __future__ import annotations

import email
import io
import stat
from datetime import date
from email.policy import default

import pytest
from bursary_data import TODAY, add_coach, add_round, apply
from pypdf import PdfReader

from pdfs import assert_fonts_embedded
from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.letters import write_letters
from sassot_desktop.documents.bursary_letters import OFFER, BursaryLetter, build_letters
from sassot_desktop.errors import UserError
from sassot_desktop.progress import Cancelled, Progress


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def decided(workspace):
    round_id = add_round(workspace, name="2026/27 round 1")
    offered = apply(workspace, round_id, add_coach(workspace, "Zoë", "Ó'Brien"))
    declined = apply(workspace, round_id, add_coach(workspace, "Łukasz", "Kowalski-Nowak"))
    waiting = apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
    with workspace.db.write() as session:
        steps.approve(session, offered, 22_050, date(2026, 8, 29), today=TODAY)
        steps.decline(session, declined, "The course is outside the county")
    return offered, declined, waiting


def test_a_batch_writes_each_letter_and_a_draft_with_it_attached(workspace, decided, tmp_path):
    offered, declined, waiting = decided
    heard = []
    progress = Progress(lambda done, total, _text: heard.append((done, total)))
    written = write_letters(workspace.db, [offered, declined, waiting], tmp_path, TODAY, progress)
    assert written.message.startswith(f"Wrote 2 letters and 2 draft e-mails to {tmp_path}.")
    assert "1 application was neither approved nor declined" in written.message
    assert heard[-1] == (2, 2)

    offer_pdf = tmp_path / f"Offer {offered} Zoë Ó Brien.pdf"
    offer = text_of(offer_pdf.read_bytes())
    assert "Dear Zoë Ó'Brien," in offer
    assert "£220.50" in offer and "you asked for £250.00" in offer
    assert "Saturday 29 August 2026" in offer
    assert "Wednesday 20 May 2026" in offer  # the letter's date
    assert "qualification certificate and the invoice or receipt" in offer
    assert "England Netball Level 2 Certificate in Coaching Netball" in offer
    assert_fonts_embedded(PdfReader(offer_pdf))
    assert stat.S_IMODE(offer_pdf.stat().st_mode) == 0o600

    decline = text_of((tmp_path / f"Decline {declined} Łukasz Kowalski-Nowak.pdf").read_bytes())
    assert "Dear Łukasz Kowalski-Nowak," in decline
    assert "The reason: The course is outside the county" in decline
    assert "£" not in decline.replace("£250", "")  # no award is mentioned

    draft_path = tmp_path / f"Offer {offered} Zoë Ó Brien.eml"
    message = email.message_from_bytes(draft_path.read_bytes(), policy=default)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Zoë Ó'Brien"
    assert "Coach bursary offer" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == offer_pdf.name
    assert attachment.get_content() == offer_pdf.read_bytes()


def test_no_letter_is_owed_before_a_decision(workspace, decided, tmp_path):
    *_, waiting = decided
    with pytest.raises(UserError, match="approve or decline them first"):
        write_letters(workspace.db, [waiting], tmp_path, TODAY)


def letter(number: int) -> BursaryLetter:
    return BursaryLetter(
        kind=OFFER,
        dated=TODAY,
        name=f"Coach {number}",
        application_id=number,
        qualification="Level 1 in Coaching Football",
        round_name="2026/27 round 1",
        asked_pence=15_000,
        awarded_pence=15_000,
        evidence_due=date(2026, 9, 1),
        send_evidence_to="the office",
    )


def test_a_batch_in_one_pdf_starts_each_letter_on_its_own_page_and_can_be_cancelled():
    data = build_letters([letter(1), letter(2), letter(3)])
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 3
    assert "Dear Coach 2," in pages[1].extract_text()
    assert build_letters([letter(1)]) == build_letters([letter(1)])

    def stop_at_second(done, _total, _text):
        if done == 1:
            progress.cancel()

    progress = Progress(stop_at_second)
    with pytest.raises(Cancelled):
        build_letters([letter(1), letter(2), letter(3)], progress)
