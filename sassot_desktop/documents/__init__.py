"""Printed documents as pure functions: plain data in, PDF bytes out.

No database and no Qt here, so the window, the command line and the tests all print the same
pages, and a build can run on the background runner without touching the screen.

This package's own module imports nothing, so the command line and the window can read the
defaults below without loading ReportLab.
"""

# Blank numbered rows a sign-in sheet leaves for walk-ins unless the officer asks for more.
WALK_IN_ROWS = 5
