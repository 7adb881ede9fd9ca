"""A real OpenID Connect provider for tests: panva's ``oidc-provider`` (npm) on a free 127.0.0.1 port.

devservers/oidc/ holds its package.json, package-lock.json and server.mjs; ``make oidc-provider``
runs ``npm ci`` there (``make test`` does it first). The provider knows the accounts it is given
(e-mail, name, password; the subject is fixed per account), serves its own small login page, and
lets clients register themselves (``register``), a misbehaving one with ``misbehave`` set (see
server.mjs: ``tamper``, ``audience``, ``expired``, ``issuer``).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from devservers.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "devservers" / "oidc"
INSTALLED = FOLDER / "node_modules" / ".package-lock.json"


@dataclass(frozen=True)
class Account:
    """An account of the provider: what the person types at its login page, and who they are there."""

    sub: str
    email: str
    name: str
    password: str


@dataclass(frozen=True)
class Registered:
    """A client the provider knows: its id and secret."""

    client_id: str
    client_secret: str


def installed() -> None:
    """Install the provider's npm packages (``make oidc-provider``) when they are missing."""
    if not INSTALLED.exists():
        subprocess.run(["make", "-s", "oidc-provider"], cwd=ROOT, check=True)


class OidcProvider:
    """One provider process, its config and log in ``folder``.

    >>> provider = OidcProvider(Path("/tmp/op"), [Account("s1", "eva@x.dk", "Eva", "pw")]).start()  # doctest: +SKIP
    >>> provider.issuer                                                                           # doctest: +SKIP
    'http://127.0.0.1:24123'
    """

    def __init__(self, folder: Path, accounts: list[Account]):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.accounts = accounts
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> OidcProvider:
        """Start the provider; returns once its discovery document answers."""
        installed()
        config = self.folder / "provider.json"
        config.write_text(json.dumps({"port": self.port, "accounts": [a.__dict__ for a in self.accounts]}), encoding="utf-8")
        log = open(self.folder / "provider.log", "ab")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(
            ["node", str(FOLDER / "server.mjs"), str(config)], stdout=log, stderr=subprocess.STDOUT, cwd=FOLDER, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{self.issuer}/.well-known/openid-configuration", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"the OpenID provider exited: {(self.folder / 'provider.log').read_text(errors='replace')[-3000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the OpenID provider on port {self.port} did not answer within {timeout} s")
            time.sleep(0.1)

    def register(self, redirect_uris: list[str], post_logout_redirect_uris: tuple[str, ...] = (), misbehave: str | None = None) -> Registered:
        """Register a client (dynamic registration, RFC 7591) and return its id and secret."""
        body: dict = {"redirect_uris": redirect_uris, "post_logout_redirect_uris": list(post_logout_redirect_uris), "client_name": "Ambition tracker"}
        if misbehave:
            body["x_misbehave"] = misbehave
        request = urllib.request.Request(
            f"{self.issuer}/reg", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            found = json.loads(answer.read())
        return Registered(found["client_id"], found["client_secret"])

    def stop(self) -> None:
        """Stop the provider (SIGTERM, then SIGKILL after 10 s)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
