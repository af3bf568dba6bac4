"""The office's own words on the bursary letters, reminders and their e-mails: where the
evidence goes, the office's address and who signs. Kept in Settings; the text the scheme
started with is the default, so a fresh install writes sensible letters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from sassot_desktop.settings import Settings

SETTING = "bursary_letters"

# Where the coach sends the certificate and the invoice, as the offer letter says it.
SEND_EVIDENCE_TO = (
    "the Workforce Development Officer at Sport Across Staffordshire and Stoke-on-Trent, "
    "by post or by e-mail as a scan or a clear photograph"
)
SIGNED_BY = "Workforce Development Officer"


@dataclass(frozen=True)
class LetterWording:
    send_evidence_to: str = SEND_EVIDENCE_TO
    office_address: str = ""  # lines printed under the partnership's name; none when empty
    signed_by: str = SIGNED_BY

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.office_address.splitlines() if line.strip()]


def letter_wording(settings: Settings) -> LetterWording:
    """The wording saved in ``settings``; a value missing or left empty takes its default."""
    saved = settings.get(SETTING, {})
    if not isinstance(saved, dict):
        return LetterWording()
    wording = LetterWording()
    for field in fields(LetterWording):
        value = saved.get(field.name)
        if isinstance(value, str) and value.strip():
            wording = replace(wording, **{field.name: _tidy(field.name, value)})
    return wording


def save_letter_wording(settings: Settings, wording: LetterWording) -> LetterWording:
    """Save the wording, tidied; an empty field means the default again."""
    values = {key: _tidy(key, value or "") for key, value in asdict(wording).items()}
    settings.set(SETTING, values)
    return letter_wording(settings)


def _tidy(key: str, value: str) -> str:
    if key == "office_address":
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())
    return " ".join(value.split())
