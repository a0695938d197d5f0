"""Step 2: About you. Names, usernames, email addresses, work and town.

Every edit is saved at once (one transaction each). A value that does not look right is
still kept, with a message beside it: the person's typing is never thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import profile as prof
from ...core.i18n import _, pgettext
from ...core.profile import Handle, PersonName, Profile
from ..flow_layout import FlowLayout
from ..locale import translated
from ..widgets import Card, ComboBox, PlainLabel, error_label, heading, show_error
from .base import StepPage


@dataclass(frozen=True)
class RowNames:
    """What a screen reader calls the parts of row {n} (whole phrases, translated: the word
    order differs between languages)."""

    row: str     # "Name {n}"
    remove: str  # "Remove name {n}"
    kind: str = ""  # "Name {n}: kind", for a row with a choice


class RepeatingRows(QWidget):
    """A list of rows (a text box, an optional choice, a Remove button) with "Add another".

    Each row wraps: the choice and Remove move under the text box when there is no room beside
    it (a narrow window, or large text on a projector)."""

    def __init__(self, names: RowNames, add_label: str, choices: dict[str, str] | None,
                 check: Callable[[str], str | None], on_change: Callable[[], None],
                 placeholder: str = ""):
        super().__init__()
        self.names, self.choices, self.check, self.on_change = names, choices, check, on_change
        self.placeholder = placeholder
        self.rows: list[tuple[QLineEdit, QComboBox | None, QPushButton, QLabel]] = []
        self._holders: dict[int, QWidget] = {}
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(4)
        self.add_button = QPushButton(add_label)
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self._add_clicked)

    def _add_clicked(self) -> None:
        edit = self.add_row("", next(iter(self.choices)) if self.choices else "")
        self._relayout()
        edit.setFocus()
        self.on_change()

    def add_row(self, text: str, choice: str) -> QLineEdit:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QWidget()
        flow = FlowLayout(line)
        edit = QLineEdit(text)
        edit.setPlaceholderText(self.placeholder)
        edit.setMaxLength(200)
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 12)
        flow.addWidget(edit)  # a text box grows to fill what is left of its line
        combo = None
        if self.choices:
            combo = ComboBox()
            for key, label in self.choices.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(choice)))
            combo.currentIndexChanged.connect(self.on_change)
            flow.addWidget(combo)
        # TRANSLATORS: button beside a name, username or email address in About you: take it out.
        remove = QPushButton(pgettext("button", "Remove"))
        remove.setAutoDefault(True)
        flow.addWidget(remove)
        column.addWidget(line)
        error = error_label()
        column.addWidget(error)
        row = (edit, combo, remove, error)
        edit.textChanged.connect(lambda _text, r=row: self._validate(r))
        edit.textEdited.connect(lambda _text: self.on_change())
        remove.clicked.connect(lambda _checked=False, r=row: self._remove(r))
        self.rows.append(row)
        self._holders[id(edit)] = holder
        self._validate(row)
        return edit

    def _validate(self, row) -> None:
        show_error(row[3], self.check(row[0].text()))

    def _remove(self, row) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self._discard(row)
        self._relayout()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)][0].setFocus()
        else:
            self.add_button.setFocus()
        self.on_change()

    def _discard(self, row) -> None:
        # Hidden and detached at once: deleteLater alone leaves the widget painted until the
        # event loop gets round to it.
        holder = self._holders.pop(id(row[0]))
        self.column.removeWidget(holder)
        holder.hide()
        holder.setParent(None)
        holder.deleteLater()

    def _relayout(self) -> None:
        while self.column.count():
            self.column.takeAt(0)
        for i, (edit, combo, remove, _error) in enumerate(self.rows):
            edit.setAccessibleName(self.names.row.format(n=i + 1))
            remove.setAccessibleName(self.names.remove.format(n=i + 1))
            if combo is not None:
                combo.setAccessibleName(self.names.kind.format(n=i + 1))
            holder = self._holders[id(edit)]
            self.column.addWidget(holder)
            holder.show()  # shown now, not at the next layout pass, so it can take focus
        self.column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_values(self, values: list[tuple[str, str]]) -> None:
        for row in self.rows:
            self._discard(row)
        self.rows.clear()
        for text, choice in values:
            self.add_row(text, choice)
        self._relayout()

    def values(self) -> list[tuple[str, str]]:
        return [(edit.text(), combo.currentData() if combo else "") for edit, combo, _, _ in self.rows]


class AboutPage(StepPage):
    step_id = "about"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._loading = False
        self.layout_.addWidget(PlainLabel(
            _("Add what someone might type into a search engine to find you. It stays on this "
              "computer. You choose later which of it is used in searches."), role="lead"))

        names = Card()
        # TRANSLATORS: headings in About you.
        names.layout_.addWidget(heading(_("Your names"), 2))
        names.layout_.addWidget(PlainLabel(
            _("Include previous names (for example before marriage) and nicknames people know you by."),
            role="muted"))
        # TRANSLATORS: what a screen reader calls the parts of the list of names; {n} is 1, 2, 3...
        row_names = RowNames(_("Name {n}"),
                             # TRANSLATORS: what a screen reader calls the Remove button of name {n}.
                             _("Remove name {n}"),
                             # TRANSLATORS: what a screen reader calls the kind of name {n} (now, previous...).
                             _("Name {n}: kind"))
        # TRANSLATORS: buttons under the lists in About you. Keep the & (shortcut).
        self.names = RepeatingRows(row_names, _("&Add another name"), translated(prof.NAME_KINDS), prof.name_problem,
                                   # TRANSLATORS: placeholder in an empty name box.
                                   self._save, _("First and last name"))
        names.layout_.addWidget(self.names)
        self.layout_.addWidget(names)

        handles = Card()
        # TRANSLATORS: headings in About you.
        handles.layout_.addWidget(heading(_("Usernames"), 2))
        handles.layout_.addWidget(PlainLabel(
            _("The names you use on social networks, games or forums, with the site if you know it."),
            role="muted"))
        # TRANSLATORS: what a screen reader calls the parts of the list of usernames; {n} is 1, 2, 3...
        row_names = RowNames(_("Username {n}"),
                             # TRANSLATORS: what a screen reader calls the Remove button of username {n}.
                             _("Remove username {n}"),
                             # TRANSLATORS: what a screen reader calls the site of username {n}.
                             _("Username {n}: site"))
        # TRANSLATORS: buttons under the lists in About you. Keep the & (shortcut).
        self.handles = RepeatingRows(row_names, _("Add another &username"), prof.handle_platform_labels(),
                                     # TRANSLATORS: placeholder in an empty username box; keep the example as it is.
                                     prof.handle_problem, self._save, _("for example @sam_doe"))
        handles.layout_.addWidget(self.handles)
        self.layout_.addWidget(handles)

        emails = Card()
        # TRANSLATORS: headings in About you.
        emails.layout_.addWidget(heading(_("Email addresses"), 2))
        emails.layout_.addWidget(PlainLabel(_("Personal and work addresses you have used online."), role="muted"))
        # TRANSLATORS: what a screen reader calls the parts of the list of email addresses; {n} is 1, 2, 3...
        row_names = RowNames(_("Email address {n}"),
                             # TRANSLATORS: what a screen reader calls the Remove button of email address {n}.
                             _("Remove email address {n}"))
        # TRANSLATORS: buttons under the lists in About you. Keep the & (shortcut).
        self.emails = RepeatingRows(row_names, _("Add another emai&l address"), None, prof.email_problem,
                                    self._save, "name@example.org")
        emails.layout_.addWidget(self.emails)
        self.layout_.addWidget(emails)

        work = Card()
        # TRANSLATORS: headings in About you.
        work.layout_.addWidget(heading(_("Work and where you live"), 2))
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # field under its label when narrow
        self.employer = QLineEdit()
        self.employer.setMaxLength(200)
        self.employer.setPlaceholderText(_("for example the school, college or council you work for"))
        self.role = ComboBox()
        # TRANSLATORS: the first entry of a drop-down list, before anything is chosen.
        self.role.addItem(pgettext("drop-down", "Choose…"), "")
        for key, (label, _words) in prof.ROLES.items():
            self.role.addItem(_(label), key)
        # The words searches use for the role: the person may be found under "teacher" as well as
        # "athro", whatever language the window speaks.
        self.search_languages = ComboBox()
        for key, label in prof.search_language_choices():
            self.search_languages.addItem(label, key)
        self.town = QLineEdit()
        self.town.setMaxLength(200)
        # TRANSLATORS: placeholder in the town box.
        self.town.setPlaceholderText(_("the town or area you live in"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(30)
        # TRANSLATORS: placeholder in the phone number box.
        self.phone.setPlaceholderText(_("optional"))
        self.field_errors: dict[QLineEdit, QLabel] = {}
        # TRANSLATORS: labels in About you. Keep the & (shortcut) on a letter of each.
        for label_text, widget, check in ((_("&Employer"), self.employer, prof.free_text_problem),
                                          # TRANSLATORS: label in About you. Keep the & (shortcut).
                                          (_("&Role"), self.role, None),
                                          # TRANSLATORS: label in About you, beside a choice of English,
                                          # Welsh or both for the job words in searches. Keep the &.
                                          (_("&Job words in searches"), self.search_languages, None),
                                          # TRANSLATORS: label in About you. Keep the & (shortcut).
                                          (_("&Town or area"), self.town, prof.free_text_problem),
                                          # TRANSLATORS: label in About you. Keep the & (shortcut).
                                          (_("&Phone number"), self.phone, prof.phone_problem)):
            label = QLabel(label_text)
            label.setBuddy(widget)
            widget.setAccessibleName(label_text.replace("&", ""))
            if check is None:
                form.addRow(label, widget)
                continue
            holder = QWidget()
            column = QHBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            error = error_label()
            box = QWidget()
            stack = QFormLayout(box)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addRow(widget)
            stack.addRow(error)
            column.addWidget(box)
            form.addRow(label, holder)
            self.field_errors[widget] = error
            widget.textChanged.connect(lambda text, e=error, c=check: show_error(e, c(text)))
            widget.textEdited.connect(lambda _t: self._save())
        self.role.currentIndexChanged.connect(lambda _i: self._save())
        self.search_languages.currentIndexChanged.connect(lambda _i: self._save())
        work.layout_.addLayout(form)
        self.layout_.addWidget(work)
        # TRANSLATORS: at the foot of About you.
        self.saved_note = PlainLabel(_("Saved on this computer as you type."), role="muted")
        self.layout_.addWidget(self.saved_note)
        self.finish_layout()
        self._load()

    def _load(self) -> None:
        self._loading = True
        try:
            p = self.ctx.session.profile()
            self.names.set_values([(n.text, n.kind) for n in p.names] or [("", "current")])
            self.handles.set_values([(h.text, h.platform) for h in p.handles] or [("", "")])
            self.emails.set_values([(e, "") for e in p.emails] or [("", "")])
            self.employer.setText(p.employer)
            self.role.setCurrentIndex(max(0, self.role.findData(p.role)))
            self.search_languages.setCurrentIndex(max(0, self.search_languages.findData(p.search_languages)))
            self.town.setText(p.town)
            self.phone.setText(p.phone)
        finally:
            self._loading = False

    def current_profile(self) -> Profile:
        return Profile(
            names=[PersonName(text, kind) for text, kind in self.names.values()],
            handles=[Handle(text, platform) for text, platform in self.handles.values()],
            emails=[text for text, _ in self.emails.values()],
            employer=self.employer.text(),
            role=self.role.currentData() or "",
            search_languages=self.search_languages.currentData() or prof.DEFAULT_SEARCH_LANGUAGES,
            town=self.town.text(),
            phone=self.phone.text(),
        )

    def _save(self) -> None:
        if self._loading:
            return
        profile = self.current_profile()
        if self.ctx.session.save_profile(profile):
            self.ctx.profile_changed(profile)

    def on_enter(self) -> None:
        self._load()
