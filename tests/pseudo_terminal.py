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


class PtySession:
    """The real `kam` on a pseudo-terminal, driven step by step: wait for
    something on screen, type, send a signal, hang the terminal up."""

    def __init__(self, args: list[str], size: tuple[int, int] = (120, 36)) -> None:
        import fcntl
        import struct
        import termios

        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.environ["NO_COLOR"] = "1"
            os.execvp(sys.executable, [sys.executable, "-m", "kam_tui", *args])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = b""
        self.status: int | None = None

    def read(self, seconds: float = 0.2) -> bytes:
        """What the app wrote in the next `seconds` (b"" once the terminal is gone)."""
        got = b""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.fd], [], [], 0.05)
            if readable:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                got += chunk
        self.output += got
        return got

    def wait_for(self, text: bytes, timeout: float = 20, since: int | None = None) -> None:
        """Read until `text` is drawn; `since`: an offset into the output taken
        before the keys were typed (typing reads, so the answer may be in already)."""
        start = len(self.output) if since is None else since
        deadline = time.monotonic() + timeout
        while text not in self.output[start:] and time.monotonic() < deadline:
            if self.exited():
                break
            self.read(0.1)
        assert text in self.output[start:], f"{text!r} never shown; last output: {self.output[-1500:]!r}"

    def type(self, keys: str | bytes, pause: float = 0.05) -> None:
        """Type a key at a time, as a person does."""
        data = keys.encode() if isinstance(keys, str) else keys
        for byte in data:
            os.write(self.fd, bytes([byte]))
            self.read(pause)

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal, as a closed window or a dropped SSH connection does."""
        os.close(self.fd)
        self.fd = -1

    def exited(self) -> bool:
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status is not None

    def wait(self, timeout: float = 20) -> int:
        """The exit status (a negative signal number if killed by one)."""
        deadline = time.monotonic() + timeout
        while not self.exited() and time.monotonic() < deadline:
            if self.fd >= 0:
                self.read(0.1)
            else:
                time.sleep(0.05)
        if self.fd >= 0:
            self.read(0.3)
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            raise AssertionError(f"kam did not exit; last output: {self.output[-1500:]!r}")
        assert self.status is not None
        return self.status

    def close(self) -> None:
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
