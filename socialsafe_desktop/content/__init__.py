"""Tools for the people who keep the checklist content true (maintainers and IT), Qt-free.
The checklists' schema and loading live in core/checklists.py; what needs a network lives here."""
