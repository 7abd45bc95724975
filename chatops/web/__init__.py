"""The web face (两公开): a public board of every ticket and its handling, and the Open311 GeoReport v2 API.

One Starlette app (:func:`chatops.web.app.create_app`, served by ``whistle web``) reads the store through
its own read-only connection, so it runs beside the bot or alone. Everything it shows goes through
:mod:`chatops.tickets.public`: no chat id, no name, no resident's words unless that resident chose to
publish them.
"""
