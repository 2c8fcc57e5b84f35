"""``python -m glossary`` runs the same command line as ``glossary``."""

from .cli import main

raise SystemExit(main())
