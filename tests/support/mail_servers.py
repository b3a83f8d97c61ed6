"""Real mail servers for the inbox's tests: a private dovecot IMAP server and a recording SMTP server.

Dovecot runs self-contained: its config, runtime dir, passwd-file and maildir all live under the
test's tmp_path, on a random local port. As root, its processes drop to Debian's `dovecot` and
`dovenull` users (imap-login refuses to run as root); otherwise they run as the caller.
"""

import getpass
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

_CONFIG = """\
base_dir = {run_dir}
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:{dir}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {dir}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _let_others_traverse(path: Path) -> None:
    """Dovecot's auth and mail processes (not root) must reach the tmp_path; pytest makes its base 0700."""
    for part in [path, *path.parents]:
        if part == Path("/") or part == Path(tempfile.gettempdir()):
            break
        os.chmod(part, os.stat(part).st_mode | 0o011)  # search (x) only: nobody can list the directories


@dataclass
class Dovecot:
    """One running dovecot with one mailbox user; `append` delivers a message into its INBOX."""

    dir: Path
    port: int
    user: str = "office"
    password: str = "office-secret"
    process: subprocess.Popen | None = None
    # Its sockets live here: a unix socket path has 108 bytes at most, which a pytest-xdist tmp_path can pass.
    run_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="dovecot-")))

    def start(self) -> "Dovecot":
        root = os.getuid() == 0
        login_user = "dovenull" if root else getpass.getuser()
        internal_user = "dovecot" if root else getpass.getuser()
        internal_group = "dovecot" if root else grp.getgrgid(os.getgid()).gr_name
        uid, gid = (
            (pwd.getpwnam("dovecot").pw_uid, grp.getgrnam("dovecot").gr_gid) if root else (os.getuid(), os.getgid())
        )
        for sub in ("state", "mail"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        if root:
            _let_others_traverse(self.dir)
            _let_others_traverse(self.run_dir)
            os.chown(self.dir / "mail", uid, gid)
        (self.dir / "users").write_text(
            f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{self.dir}/mail/{self.user}::\n"
        )
        config = self.dir / "dovecot.conf"
        config.write_text(
            _CONFIG.format(
                dir=self.dir,
                run_dir=self.run_dir,
                port=self.port,
                login_user=login_user,
                internal_user=internal_user,
                internal_group=internal_group,
            )
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with imaplib.IMAP4("127.0.0.1", self.port, timeout=2) as probe:
                    probe.login(self.user, self.password)
                    probe.logout()
                return self
            except (OSError, imaplib.IMAP4.error):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dovecot did not start: {(self.dir / 'dovecot.log').read_text(errors='replace')}")

    def append(self, raw: bytes, mailbox: str = "INBOX") -> None:
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as imap:
            imap.login(self.user, self.password)
            status, _ = imap.append(mailbox, None, None, raw)
            assert status == "OK"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.run_dir, ignore_errors=True)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class _Recorder:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


class RecordingSmtp:
    """A local SMTP relay that accepts everything and keeps what it got, for asserting on replies."""

    def __init__(self):
        self.port = free_port()
        self._recorder = _Recorder()
        self._controller = Controller(self._recorder, hostname="127.0.0.1", port=self.port)

    @property
    def received(self) -> list[Received]:
        return self._recorder.received

    def start(self) -> "RecordingSmtp":
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller._thread is not None:  # stopping twice (a test and its cleanup) is fine
            self._controller.stop()
