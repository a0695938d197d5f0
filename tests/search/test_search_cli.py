"""`socialsafe search --json` prints what the parsers give: real addresses, never wrappers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from search_helpers import fixture_bytes


def test_searxng_json_output_has_clean_links(server, monkeypatch):
    server.expect_request("/search").respond_with_data(fixture_bytes("searxng_highlighted.json"),
                                                       content_type="application/json")
    monkeypatch.setenv("SOCIALSAFE_SEARXNG_URL", server.url_for("/"))
    result = subprocess.run([sys.executable, "-m", "socialsafe_desktop", "search", '"Jo Sample"',
                             "--provider", "searxng", "--json"],
                            capture_output=True, text=True, timeout=60, env={**os.environ})
    assert result.returncode == 0, result.stderr
    urls = [r["url"] for r in json.loads(result.stdout)]
    assert urls == [
        "https://www.linkedin.com/in/jo-sample-exampleton",
        "https://blog.example.net/layout",
        "https://www.exampleton-rotary.example.org/contact/",
    ]
    assert "duckduckgo.com/l/" not in result.stdout
