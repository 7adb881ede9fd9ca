"""The serve command: the web front end."""
from __future__ import annotations

import argparse

from tracker.serve import serve as serve_web
from tracker.settings import Settings


def serve(args: argparse.Namespace, settings: Settings) -> None:
    serve_web(
        settings, host=args.host, port=args.port, demo=args.demo, threads=args.threads,
        secure_cookies=args.secure_cookies, trust_proxy=args.trust_proxy, workers=args.workers,
    )
