"""``tracker serve`` with TRACKER_SIGN_IN=oidc end to end: the settings from the environment, the secret
from a file and never printed, the sign-in page without a password form, and the way to the real provider."""
from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from devservers.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
TRACKER = Path(sys.executable).with_name("tracker")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_serve_signs_in_only_with_the_provider(tmp_path, oidc_provider):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    registered = oidc_provider.register([f"{base}/login/oidc/callback"], (f"{base}/login",))
    secret = tmp_path / "client-secret"
    secret.write_text(registered.client_secret + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(tmp_path / "inst"), PYTHONPATH=str(ROOT), TRACKER_SIGN_IN="oidc",
               TRACKER_OIDC_ISSUER=oidc_provider.issuer, TRACKER_OIDC_CLIENT_ID=registered.client_id,
               TRACKER_OIDC_CLIENT_SECRET_FILE=str(secret))
    proc = subprocess.Popen([str(TRACKER), "serve", "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert lines[0].startswith("Ambition tracker:")
        assert lines[1] == f"Log ind med identitetsudbyderen / sign-in with the identity provider {oidc_provider.issuer} (TRACKER_SIGN_IN=oidc)\n"
        assert registered.client_secret not in "".join(lines)
        with urllib.request.urlopen(f"{base}/login", timeout=30) as answer:
            page = answer.read().decode()
        assert "Log ind med Region Sjællands konto" in page and 'type="password"' not in page
        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(f"{base}/login/oidc", timeout=30)
            raise AssertionError("no redirect to the provider")
        except urllib.error.HTTPError as redirect:
            assert redirect.code == 302
            target = urlsplit(redirect.headers["Location"])
        query = parse_qs(target.query)
        assert f"{target.scheme}://{target.netloc}{target.path}" == f"{oidc_provider.issuer}/auth"
        assert query["client_id"] == [registered.client_id] and query["code_challenge_method"] == ["S256"]
        assert query["redirect_uri"] == [f"{base}/login/oidc/callback"] and query["response_type"] == ["code"]
        assert {"state", "nonce", "code_challenge"} <= set(query)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
