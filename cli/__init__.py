"""The composition root: builds the runtime once and wires the entrypoints (API, web pages,
development server, WSGI target, people commands). Only this package imports both ``api``
and ``web``; they never import each other."""
