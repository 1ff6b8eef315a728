import sys

from govgraph.cli.main import main

sys.exit(main())
