"""Files that travel inside the installed package (icons, fonts, templates).

Read them with ``importlib.resources.files("sassot_desktop.resources")``, never by a path
relative to the source tree, so an ordinary ``pip install .`` finds them from any folder.
"""
