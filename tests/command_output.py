"""What a refused `kam` command must print: one line on stderr, exit 1, never a traceback."""

from __future__ import annotations


def one_line_error(result) -> str:
    """The refusal's one line, after checking it is the only one."""
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
