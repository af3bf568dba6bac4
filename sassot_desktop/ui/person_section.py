"""The shape of one part of a person's page (see ``person_page.SECTIONS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QWidget

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace


class PersonSection(QGroupBox):
    """A part of the person's page: a titled box built from the workspace and the person's id.

    Subclasses set ``title`` and build themselves in ``__init__``, reading what they show
    through the workspace's database. After saving something other sections may show (the
    name, say) they emit ``changed`` with a sentence saying what was done; the page then
    rebuilds every section and shows that sentence. A section that has already shown its own
    change, which no other section shows, emits ``said`` instead: the page shows the sentence
    and leaves every section (and where the officer had scrolled to) as it is.
    """

    title: ClassVar[str] = ""
    changed = Signal(str)
    said = Signal(str)

    def __init__(self, workspace: Workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.title, parent)
        self.workspace = workspace
        self.person_id = person_id
        self.setAccessibleName(self.title)
