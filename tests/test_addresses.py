"""Address headers as coordinators see them: names, lists, and display names that try to be addresses."""

from __future__ import annotations

from inboxbroker.mail.headers import address_list, mask_encoded_words


def test_lists_and_names_as_coordinators_see_them() -> None:
    defects: list[str] = []
    got = address_list(
        "Ana  Lima <ANA@Example.org>, bob@example.net,\r\n\t<carol@example.com>", "to", defects
    )
    assert [(a.name, a.email) for a in got] == [
        ("Ana Lima", "ana@example.org"),
        ("", "bob@example.net"),
        ("", "carol@example.com"),
    ]
    assert defects == []
    assert [a.email for a in address_list('"Doe, Jane" <jane@example.org>, x@example.org', "cc", [])] == [
        "jane@example.org",
        "x@example.org",
    ]


def test_an_encoded_display_name_never_becomes_the_address() -> None:
    # RFC 2047 §5: an encoded word is a word of the phrase; the list is split before any name is decoded.
    defects: list[str] = []
    got = address_list(
        "=?utf-8?q?Bob_attacker@evil.example?= <bob@example.net>, "
        "=?utf-8?q?Eve,_<eve@evil.example>?= <carol@example.com>",
        "to",
        defects,
    )
    assert [(a.name, a.email) for a in got] == [
        ("Bob attacker@evil.example", "bob@example.net"),
        ("Eve, <eve@evil.example>", "carol@example.com"),
    ]
    assert defects == []


def test_masking_puts_back_exactly_what_it_hid() -> None:
    value = "\U000f0000 =?utf-8?q?a@b?= x@y.example (=?iso-8859-1?b?4Q==?=)"
    masked, unmask = mask_encoded_words(value)
    assert "=?" not in masked and "@b" not in masked
    assert unmask(masked) == value
    # white space inside is no encoded word (RFC 2047 §2): an address after it stays visible
    assert mask_encoded_words("=?utf-8?q?a <x@y.example> b?=")[0] == "=?utf-8?q?a <x@y.example> b?="
