"""Words explained: the glossary's terms and their plain explanations, with a box to find a word.

The glossary is a file people can edit (an organisation may ship its own checklists), so its
text is shown in a read-only plain-text box, never as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.glossary import Glossary, GlossaryTerm
from ..core.i18n import _, ngettext
from .locale import localised, translation_notes
from .widgets import PlainLabel, clean_text, standard_button


def glossary_text(terms: list[GlossaryTerm]) -> str:
    """Each term on its own line, its explanation under it, other names it goes by after that
    (and, in a language the term is not yet translated into, a line that says so)."""
    blocks = []
    for term in terms:
        lines = [term.term, *(f"({note})" for note in translation_notes(term)), term.explanation]
        if term.also:
            # TRANSLATORS: in Words explained: other names a platform may use for the same thing.
            lines.append(_("Also called: {names}").format(names=", ".join(term.also)))
        blocks.append("\n".join(clean_text(line) for line in lines))
    return "\n\n".join(blocks)


def matching(glossary: Glossary, words: str) -> list[GlossaryTerm]:
    wanted = " ".join(words.split()).casefold()
    if not wanted:
        return list(glossary.terms)
    return [t for t in glossary.terms
            if wanted in t.term.casefold() or wanted in t.explanation.casefold()
            or any(wanted in a.casefold() for a in t.also)]


class GlossaryDialog(QDialog):
    def __init__(self, glossary: Glossary, parent: QWidget | None = None, *, find: str = "") -> None:
        super().__init__(parent)
        self.glossary = localised(glossary)  # each term in the language the app speaks, where it has one
        # TRANSLATORS: the title of the glossary window (and the button that opens it).
        self.setWindowTitle(_("Words explained"))
        self.setMinimumWidth(520)
        column = QVBoxLayout(self)
        # TRANSLATORS: "in plain English" means in the language of this translation, in everyday words.
        column.addWidget(PlainLabel(_("What the words in the checklists mean, in plain English. Platforms "
                                      "sometimes use other names for the same thing; those are listed too."),
                                    role="lead"))
        row = QHBoxLayout()
        # TRANSLATORS: the label of the box that finds a word. Keep the & (shortcut).
        label = QLabel(_("&Find a word:"))
        self.find = QLineEdit(find)
        # TRANSLATORS: what a screen reader calls the box that finds a word.
        self.find.setAccessibleName(_("Find a word"))
        # TRANSLATORS: placeholder in the box that finds a word; an example of a word in the glossary.
        self.find.setPlaceholderText(_("for example authenticator"))
        self.find.setClearButtonEnabled(True)
        label.setBuddy(self.find)
        row.addWidget(label)
        row.addWidget(self.find, 1)
        column.addLayout(row)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        # TRANSLATORS: what a screen reader calls the list of words.
        self.text.setAccessibleName(_("Words and what they mean"))
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 18)
        column.addWidget(self.text, 1)
        self.count = PlainLabel("", role="muted")
        column.addWidget(self.count)
        buttons = QDialogButtonBox()
        self.close_button = standard_button(buttons, QDialogButtonBox.StandardButton.Close)
        # TRANSLATORS: what a screen reader calls the Close button.
        self.close_button.setAccessibleName(_("Close Words explained"))
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.find.textChanged.connect(self.show_matching)
        self.show_matching(find)
        self.find.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_matching(self, words: str) -> None:
        terms = matching(self.glossary, words)
        self.text.setPlainText(glossary_text(terms))
        if not self.glossary.terms:
            message = _("The list of words could not be loaded. Ask your IT team to check SocialSafe's checklist "
                        "files.")
        elif not terms:
            message = _("No word matches. Try part of the word, or clear the box to see them all.")
        else:
            total = len(self.glossary.terms)
            # TRANSLATORS: under the words: how many are shown of all.
            message = ngettext("{shown} of {total} word shown.", "{shown} of {total} words shown.", total).format(
                shown=len(terms), total=total)
        self.count.setText(message)
        self.count.setAccessibleName(message)
