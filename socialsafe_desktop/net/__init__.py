"""Talking to other machines, for every feature that does: in-app searches, the forgotten
accounts check, the maintainers' link check. One polite, bounded, cancellable HTTP client
(http.py) and one error type (errors.py). Nothing here imports Qt, and nothing here sends
anything on import: a request goes only when a caller that the person set off asks for it.
"""
