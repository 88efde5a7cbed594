"""One rule for web links: what the loader takes, the link list opens and exports link."""

from __future__ import annotations

import pytest

from tui.export import html
from tui.format.loader import load_text
from tui.format.problems import BriefingError
from tui.model import Briefing, Source
from tui.urls import is_web_url
from tui.weblinks import web_links

WEB = [
    "https://example.org",
    "http://example.org/a?b=1&c=<2>#d",
    "HTTPS://Example.ORG/path",  # the scheme and host in any case
    "Http://example.org",
    "https://x.example:8080/a",
    "http://user@example.org/",
    "http://[::1]/x",
    "https://例え.jp/パス",
]
NOT_WEB = [
    "javascript:alert(1)",
    "JavaScript://example.org/%0aalert(1)",
    "file:///etc/passwd",
    "ftp://example.org",
    "data:text/html,<b>x</b>",
    "mailto:someone@example.org",
    "http:///x",  # no host
    "https://",
    "http://:80/",  # a port, no host
    "http://user@/",
    "http:/no-host",
    "//example.org/x",  # no scheme
    "example.org",
    "",
    "https://example.org/a b",  # white space anywhere
    " https://example.org",
    "https://example.org\t",
    "https://example.org/\na",
    "https://example.org/\u3000x",
    "https://exa\u200bmple.org",  # invisible
    "https://example.org/\x1b]52;c;x\x07",  # controls
    "https://[::1",
]


@pytest.mark.parametrize("url", WEB)
def test_web_urls(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize("url", NOT_WEB)
def test_other_urls(url: str) -> None:
    assert not is_web_url(url)


def briefing_with_source(url: str) -> str:
    return (
        "format: briefing/1\ntitle: T\n"
        f"source:\n  name: Wire\n  url: {url}\n"
        "sections:\n  - heading: H\n    body: Text.\n"
    )


@pytest.mark.parametrize("url", ["http:///x", "http://:80/", "http://user@/"])
def test_the_loader_refuses_a_source_url_without_a_host(url: str) -> None:
    with pytest.raises(BriefingError, match="expected an http:// or https:// URL"):
        load_text(briefing_with_source(url))


@pytest.mark.parametrize("url", ["HTTPS://example.org/news", "https://example.org/news"])
def test_the_loader_takes_a_web_source_url(url: str) -> None:
    briefing = load_text(briefing_with_source(url)).briefing
    assert briefing.source is not None and briefing.source.url == url


@pytest.mark.parametrize("url", [*WEB, *NOT_WEB])
def test_the_link_list_and_the_html_export_follow_the_same_rule(url: str) -> None:
    (listed,) = web_links(Briefing("T", (), source=Source("Wire", url or "x")))
    assert listed.allowed == is_web_url(url or "x")
    linked = html.link(url, "label")
    assert (linked != "label") == is_web_url(url)
