"""`python -m goalsheet`: the same as the `goalsheet` command."""

from goalsheet.cli import main

main()
