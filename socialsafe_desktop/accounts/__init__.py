"""Forgotten accounts: which sites still have an account under one of the person's usernames,
and how to close each one. Qt-free; the window and the command line only show it.

- sites.py: the site list (derived from WhatsMyName), loaded and checked entry by entry, and the
  one place a username is placed into a site's address or request body.
- deletion.py: the deletion directory (derived from JustDeleteMe), looked up by domain.
- checker.py: one request to one site and what its answer means, by the site's own rule.
- runner.py: many sites off the calling thread, politely, with events and a prompt Cancel.
- estimate.py: how many sites and about how long, for the question asked before anything is sent.

Nothing here reads a file on import, and nothing sends anything unless a caller the person set
off asks for it. Email addresses are never probed: no sign-up or password-reset form is asked.
"""
