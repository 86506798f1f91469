"""``python -m inboxbroker``: the same as the ``inboxbroker`` command."""

from inboxbroker.cli import main

main()
