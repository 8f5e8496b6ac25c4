"""``coursegen check``: a linter for question banks and, given the speech, for the course's faithfulness.

Rules are declared once in :mod:`.registry`; each ``*_checks`` module turns
one family of rules into findings; :mod:`.runner` runs them, applies
``check_ignore`` and returns a report that :mod:`.output` prints; :mod:`.gate` runs them for ``coursegen build``.
"""
