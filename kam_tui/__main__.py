import sys

from kam_tui.cli import main

sys.exit(main())
