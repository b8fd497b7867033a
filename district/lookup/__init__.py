"""The citizen's lookup page (issue 13, part 3): what the slip's QR opens, served by `district serve`.

`routes.py` the page's routes, `page.py` what one dossier shows (masked, one query), `keys.py` the
communes' slip keys (sealed) that check a QR's tag, `limiter.py` requests per client. docs/lookup.md
describes the URL and the rules.
"""
