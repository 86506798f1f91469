"""Address headers as coordinators see them: names, lists, and display names that try to be addresses."""

from __future__ import annotations

from inboxbroker.mail.headers import address_list


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
