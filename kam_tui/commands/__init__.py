"""One module per `kam` subcommand; see kam_tui/cli.py."""
