"""Printed documents as pure functions: plain data in, PDF bytes out.

No database and no Qt here, so the window, the command line and the tests all print the same
pages, and a build can run on the background runner without touching the screen.
"""
