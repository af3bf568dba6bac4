"""Draft e-mails read back by the standard library's parser, as a mail program reads them."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from sassot_desktop.exchange.email_drafts import Attachment, Draft, eml_bytes


def read_back(data: bytes):
    return message_from_bytes(data, policy=default)


def test_a_draft_opens_unsent_addressed_and_worded_with_its_letter_attached():
    letter = b"%PDF-1.4 offer letter"
    draft = Draft(
        to_name="Zoë Ó'Brien",
        to_address="zoe.obrien@example.org",
        subject="Your coach bursary: £250 offered",
        body="Dear Zoë,\n\nWe are pleased to offer you £250.\n",
        attachments=[Attachment("Offer letter.pdf", letter)],
    )
    message = read_back(eml_bytes(draft))

    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Zoë Ó'Brien"
    assert message["To"].addresses[0].addr_spec == "zoe.obrien@example.org"
    assert message["Subject"] == "Your coach bursary: £250 offered"
    # The file has CRLF line ends, as Outlook writes them.
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == draft.body
    (attached,) = message.iter_attachments()
    assert attached.get_filename() == "Offer letter.pdf"
    assert attached.get_content() == letter


def test_a_line_break_in_a_name_or_subject_cannot_add_a_header():
    draft = Draft(
        to_name="Eve\nBcc: someone@example.com",
        to_address="eve@example.org",
        subject="Hello\r\nBcc: someone@example.com",
        body="Hi",
    )
    message = read_back(eml_bytes(draft))

    assert message["Bcc"] is None
    assert message["Subject"] == "Hello Bcc: someone@example.com"


def test_the_same_draft_gives_the_same_bytes():
    draft = Draft("Siân Llŵyd-Jones", "sian@example.org", "Reminder", "Your DBS check expires.")
    assert eml_bytes(draft) == eml_bytes(draft)


def test_an_attachment_named_with_a_control_character_still_makes_a_draft():
    # Python reads \x1e as a line break in a header; found by the hostile-output tests.
    draft = Draft(
        "Zoë", "zoe@example.org", "Letter", "Hi", [Attachment("Offer\x1eletter.pdf", b"x")]
    )

    (attached,) = read_back(eml_bytes(draft)).iter_attachments()

    assert attached.get_filename() == "Offer letter.pdf"
