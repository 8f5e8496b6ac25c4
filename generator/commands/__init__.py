"""One module per ``coursegen`` command; ``generator.cli`` registers them all.

Each module defines ``command`` (a click command) and keeps its own imports
lazy where they are heavy, so ``coursegen --help`` stays fast.
"""
