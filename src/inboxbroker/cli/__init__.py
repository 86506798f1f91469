"""The command-line layer: click commands, one module per command family, and what they print.

Commands are thin: load the settings, call one library function, print. Only here do errors become exit codes.
"""

from inboxbroker.cli.commands import main

__all__ = ["main"]
