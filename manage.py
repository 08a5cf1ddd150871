#!/usr/bin/env python
"""Django's manage.py; the installed `azamat` command does the same."""

from azamat.cli import main

if __name__ == "__main__":
    main()
