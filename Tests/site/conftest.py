"""The site suite: the real Content/ built once, served by Python's http.server,
and checked with the Nu HTML checker, linkchecker, headless Chromium and axe."""
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREENSHOTS = os.path.join(ROOT, "Tests", "site", "screenshots")
SUBPATH = "explainer"
COUNTS = {}


def sitegen():
    """The newest sitegen built (release or debug): an older one may predate the code under test."""
    built = [p for p in (os.path.join(ROOT, ".build", b, "sitegen") for b in ("release", "debug")) if os.path.exists(p)]
    if built:
        return max(built, key=os.path.getmtime)
    subprocess.run(["swift", "build", "--product", "sitegen"], cwd=ROOT, check=True)
    return os.path.join(ROOT, ".build", "debug", "sitegen")


class Handler(http.server.SimpleHTTPRequestHandler):
    """http.server as README's preview uses it, plus the header that lets linkchecker
    check more than a few pages a second (it asks the server for a `LinkChecker` header first)."""

    def end_headers(self):
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site():
    """The real site, built once, under `root/` and again under `root/explainer/`."""
    folder = tempfile.mkdtemp(prefix="sitegen-site-")
    public = os.path.join(folder, "root")
    subprocess.run([sitegen(), "build", "--quiet", "--no-cache", "--content", os.path.join(ROOT, "Content"),
                    "--templates", os.path.join(ROOT, "Templates"), "--output", public], check=True)
    shutil.copytree(public, os.path.join(folder, "served", SUBPATH))
    yield public
    shutil.rmtree(folder, ignore_errors=True)


def serve(directory):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def server(site):
    """The site at `/`."""
    running = serve(site)
    yield f"http://127.0.0.1:{running.server_address[1]}/"
    running.shutdown()


@pytest.fixture(scope="session")
def subpath_server(site):
    """The same site under `/explainer/`, as at its base URL."""
    running = serve(os.path.join(os.path.dirname(site), "served"))
    yield f"http://127.0.0.1:{running.server_address[1]}/{SUBPATH}/"
    running.shutdown()


def pytest_terminal_summary(terminalreporter):
    if COUNTS:
        terminalreporter.write_sep("-", "site checks")
        for name, value in COUNTS.items():
            terminalreporter.write_line(f"{name}: {value}")
