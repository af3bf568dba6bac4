"""Crossing the laptop's border: importing legacy spreadsheets, exports for Excel, the sync to
the team's shared drive. Nothing here imports Qt; screens and the CLI call the same operations.
"""
