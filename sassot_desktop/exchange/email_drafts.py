"""Draft e-mails the officer opens in Outlook, checks and sends: one ``.eml`` file each.

The program never sends mail (it runs offline, and the officer reads what goes out in their
name). ``X-Unsent: 1`` makes Outlook open the file as a draft with a Send button rather than as
a received message. The body is plain text; attachments (an offer letter, a certificate) are
carried whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from sassot_desktop.files import safe_file_name


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes
    mime_type: str = "application/pdf"


@dataclass(frozen=True)
class Draft:
    to_name: str
    to_address: str
    subject: str
    body: str
    attachments: Sequence[Attachment] = ()


def eml_bytes(draft: Draft, sender: str = "") -> bytes:
    """The draft as an RFC 5322 message: headers encoded for any name or subject, CRLF line
    ends as Outlook expects, the same bytes for the same draft."""
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    if sender:
        message["From"] = sender
    message["To"] = _recipient(draft.to_name, draft.to_address)
    message["Subject"] = _one_line(draft.subject)
    message.set_content(draft.body, cte="quoted-printable")
    for attachment in draft.attachments:
        main_type, _, sub_type = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=main_type,
            subtype=sub_type,
            filename=safe_file_name(attachment.file_name) or "Attachment",
        )
    return message.as_bytes()


def _recipient(name: str, address: str) -> str:
    try:
        return str(Address(display_name=_one_line(name), addr_spec=address.strip()))
    except (ValueError, IndexError):
        # An address the header parser cannot take still reaches the officer, who can correct
        # it in Outlook; the name is then left out rather than the draft refused.
        return _one_line(address)


def _one_line(text: str) -> str:
    """Header text on one line: a line break in a name or subject would end the header."""
    return " ".join(text.split())
