"""``python -m minutes_cli`` runs the same CLI as the ``minutes`` command."""

from .cli import main

main()
