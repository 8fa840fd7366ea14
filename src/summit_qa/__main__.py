import sys

from summit_qa.cli import main

sys.exit(main())
