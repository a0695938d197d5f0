"""What happens when the person does something: the use cases, with no Qt.

The window's pages (and the command line) call these and show what they return. Every rule
about the audit lives here or below (core, store, search, report), so it is tested without a
display: syncing the search plan with About you, recording what a search found and what the
person decided, the forgotten-accounts check and the person's answers, the ranked list of
actions, the time estimate, whether a search service can be used, and putting a report together.

  session.py      AuditSession: the open audit, its settings and checklists; every save goes
                  through it, and a save that fails is reported to listeners, not raised
  backend.py      the real world or the trainer demo, chosen once when the session starts
  search_plan.py  the plan of searches: built from About you, edited by the person
  findings.py     pages found by searches or added by hand, and the person's decisions
  actions.py      everything left to do, ranked, with where to act, and the time it takes
  accounts.py     forgotten accounts: what to check, what was found, Mine / Not mine, keep or close
  providers.py    which in-app search services can be used, and why not
  report.py       the report's input, from what is saved
  language.py     the language: chosen at start-up, and what Settings shows and changes
"""
