"""Launch summit-qa (see README)."""

import sys

from summit_qa.cli import main

if __name__ == "__main__":
    sys.exit(main(["passages", *sys.argv[1:]]))
