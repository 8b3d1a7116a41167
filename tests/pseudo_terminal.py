"""Running the real `kam` on a pseudo-terminal, as a user at a terminal does:
for prompts that ask before they act, and for the app itself."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time


def run_on_pty(
    args: list[str], answers: list[bytes], timeout: float = 20, ready: bytes | None = None
) -> tuple[int, str]:
    """Run `kam` on a pseudo-terminal, typing each answer once the output so
    far ends with a prompt; returns the exit code and everything shown."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ["NO_COLOR"] = "1"
        os.execvp(sys.executable, [sys.executable, "-m", "kam_tui", *args])
    out = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            readable, _, _ = select.select([fd], [], [], 0.2)
            if readable:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            prompt = out.rstrip().endswith(b"?") or (ready is not None and ready in out)
            app_up = len(pending) < len(answers) and b"\x1b[?1049h" in out
            if pending and (prompt or app_up):
                time.sleep(0.5)
                os.write(fd, pending.pop(0))
        done, status = os.waitpid(pid, os.WNOHANG)
        grace = time.monotonic() + 5
        while not done and time.monotonic() < grace:  # the terminal closes just before the exit
            time.sleep(0.05)
            done, status = os.waitpid(pid, os.WNOHANG)
        if not done:  # still running at the deadline: a hang is a failure, not a stuck test run
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace")
