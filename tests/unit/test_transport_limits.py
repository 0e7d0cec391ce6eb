"""The transport's own limits, one value at a time: what counts as this computer, what packing is
read, how long a call may last, and how a redirect's target is named."""

from __future__ import annotations

import pytest

from qvickly_desk.errors import BadAnswerError
from qvickly_desk.transport import (
    call_deadline,
    check_content_encoding,
    is_loopback_host,
    redirect_host,
)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", "LOCALHOST."],
)
def test_this_computer_in_all_its_spellings_is_loopback(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host", ["", None, "10.0.0.1", "128.0.0.1", "::2", "127.0.0.1.example.com", "api.qvickly.io"]
)
def test_other_hosts_are_not_loopback(host: str | None) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize("header", [None, "", "identity", "gzip", "GZIP", "x-gzip", "deflate"])
def test_one_layer_or_none_is_read(header: str | None) -> None:
    check_content_encoding(header)


@pytest.mark.parametrize(
    "header", ["gzip, gzip", "deflate,gzip", "gzip, identity, gzip", "br", "zstd", "compress"]
)
def test_stacked_or_unknown_packing_is_refused(header: str) -> None:
    with pytest.raises(BadAnswerError):
        check_content_encoding(header)


def test_the_deadline_is_the_connect_timeout_and_twice_the_read_timeout() -> None:
    assert call_deadline(5, 30) == 65
    assert call_deadline(0.5, 0.5) == 1.5


def test_a_redirect_target_is_named_as_a_safe_host_whatever_it_holds() -> None:
    assert redirect_host("https://api.qvickly.io/", "https://evil.example/x") == "evil.example"
    assert redirect_host("https://api.qvickly.io/", "/elsewhere") == "api.qvickly.io"
    named = redirect_host("https://api.qvickly.io/", "http://[x\x1b[2J/" + "a" * 10_000)
    assert "\x1b" not in named and len(named) <= 200
