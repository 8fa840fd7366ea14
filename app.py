"""Launch the summit-qa chat: ``python app.py [--host H] [--port P]`` (see docs/usage.md)."""

import sys

from summit_qa.web.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
