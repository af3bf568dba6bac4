"""SASSOT Workforce: the workforce officer's desktop program."""

APP_NAME = "SASSOT Workforce"
__version__ = "0.1.0"
