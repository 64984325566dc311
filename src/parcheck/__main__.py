"""`python -m parcheck`: the same as the `parcheck` command."""

from parcheck.cli import main

main()
