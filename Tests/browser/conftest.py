"""Shared fixtures for the site checks: the sample site built by `make test` into SITE_DIR."""
import os
import pathlib

import pytest

SITE_DIR = pathlib.Path(os.environ.get("SITE_DIR", ".build/site-check/Output")).resolve()


@pytest.fixture(scope="session")
def site() -> pathlib.Path:
    if not (SITE_DIR / "index.html").is_file():
        pytest.fail(f"no built site at {SITE_DIR}: run `make test`, which builds the sample first")
    return SITE_DIR


def html_pages(root: pathlib.Path):
    return sorted(p for p in root.rglob("*.html"))
