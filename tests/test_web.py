"""The review page in-process (Flask's test client, no port): the log-in gate, CSRF, lockout, headers, escaping.

Drafts come from the real drafting stage, the hostile request among them, and every action goes through the
page as a coordinator's browser would send it: a session cookie and the form's CSRF token.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from inboxbroker.review.web.app import CSP, create_app
from inboxbroker.review.web.auth import LOCKED, WRONG
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.web import IMG, PASSWORD, SCRIPT, TEMPLATE, USER, fill_ledger, hostile_draft
from test_drafting import NOW, RACHEL, settings_for


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Flask, Store, Settings]]:
    settings = settings_for(tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite3'}")
    fill_ledger(settings, tmp_path)
    with Store.open(settings.store.url) as store:
        yield create_app(settings, store, clock=lambda: NOW, env={}), store, settings


def token(client: FlaskClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert found, f"no form on {path}"
    return found[1]


def logged_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    answer = client.post("/login", data={"name": USER, "password": PASSWORD, "csrf_token": token(client)})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    return client


def post(client: FlaskClient, path: str, page: str, **data: Any) -> Any:
    return client.post(path, data={"csrf_token": token(client, page), **data})


def draft_ids(store: Store) -> list[int]:
    return [d.id for d in store.drafts.drafts()]


# -- the gate ----------------------------------------------------------------------------------------------


def test_without_a_session_every_page_redirects_to_the_log_in_and_every_post_is_401(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, store, _ = site
    client = app.test_client()
    draft_id = draft_ids(store)[0]
    rules = [
        r for r in app.url_map.iter_rules() if r.endpoint not in {"static", "auth.login", "auth.login_post"}
    ]
    assert {r.endpoint for r in rules} >= {"review.queue", "review.draft", "review.attachment", "review.edit"}
    for rule in rules:
        path = rule.rule.replace("<int:draft_id>", str(draft_id)).replace("<int:attachment_id>", "1")
        path = path.replace("<int:request_id>", "1")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            answer = client.open(path, method=method)
            if method == "GET":
                assert answer.status_code == 302, path
                assert answer.headers["Location"].startswith("/login?next="), path
            else:
                assert answer.status_code == 401, (method, path)
            assert b"mallory" not in answer.data and b"Okafor" not in answer.data
    assert client.get("/login").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    assert {d.state for d in store.drafts.drafts()} == {"pending"}


def test_a_post_without_a_valid_csrf_token_is_refused(site: tuple[Flask, Store, Settings]) -> None:
    app, store, _ = site
    draft_id = draft_ids(store)[0]
    client = logged_in(app)
    assert client.post(f"/drafts/{draft_id}/approve").status_code == 400
    forged = client.post(f"/drafts/{draft_id}/approve", data={"csrf_token": "forged"})
    assert forged.status_code == 400 and b"did not come from this page" in forged.data
    other = logged_in(app)  # another session's token is no good either
    assert (
        client.post(f"/drafts/{draft_id}/approve", data={"csrf_token": token(other, "/")}).status_code == 400
    )
    assert client.post("/logout").status_code == 400
    assert app.test_client().post("/login", data={"name": USER, "password": PASSWORD}).status_code == 400
    assert store.drafts.draft(draft_id).state == "pending"
    assert post(client, f"/drafts/{draft_id}/approve", f"/drafts/{draft_id}").status_code == 302
    assert store.drafts.draft(draft_id).state == "approved"


def test_six_wrong_passwords_lock_the_account_and_the_page_never_says_whether_a_name_exists(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, _, _ = site
    client = app.test_client()

    def attempt(name: str, password: str) -> Any:
        return client.post("/login", data={"name": name, "password": password, "csrf_token": token(client)})

    answers = [attempt(USER, f"wrong-{n}") for n in range(6)]
    assert [a.status_code for a in answers] == [401] * 6
    assert [WRONG in a.get_data(as_text=True) for a in answers[:4]] == [True] * 4
    assert all(LOCKED in a.get_data(as_text=True) for a in answers[4:])
    locked = attempt(USER, PASSWORD)  # the right password does not open a locked account
    assert locked.status_code == 401 and LOCKED in locked.get_data(as_text=True)
    assert client.get("/").status_code == 302
    unknown = attempt("nobody-by-this-name", "whatever-it-is")
    assert unknown.status_code == 401 and WRONG in unknown.get_data(as_text=True)
    for text in (LOCKED, WRONG):
        assert USER not in text and "exist" not in text and "unknown" not in text


def test_log_out_ends_the_session_and_a_log_in_only_sends_you_to_this_site(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, _, _ = site
    client = logged_in(app)
    assert client.get("/").status_code == 200
    assert post(client, "/logout", "/").headers["Location"] == "/login"
    assert client.get("/").status_code == 302
    for target, expected in (
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("/?state=sent", "/?state=sent"),
    ):
        fresh = app.test_client()
        form = {"name": USER, "password": PASSWORD, "next": target, "csrf_token": token(fresh)}
        assert fresh.post("/login", data=form).headers["Location"] == expected


def test_a_removed_account_is_let_in_no_longer(site: tuple[Flask, Store, Settings]) -> None:
    app, store, _ = site
    client = logged_in(app)
    store.users.remove(USER)
    assert client.get("/").status_code == 302


# -- headers and cookies -----------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers_and_pages_are_not_cached(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, store, _ = site
    client = logged_in(app)
    draft_id = draft_ids(store)[0]
    pages = ["/", "/?state=all&label=interview_request", f"/drafts/{draft_id}", "/drafts/9999", "/nowhere"]
    answers = [client.get(p) for p in pages] + [
        app.test_client().get("/login"),
        client.get("/static/keys.js"),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 404, 404, 200, 200]
    assert CSP == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'"
    )
    for answer in answers:
        assert answer.headers["Content-Security-Policy"] == CSP
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
    for answer in answers[:-1]:
        assert answer.headers["Cache-Control"] == "no-store"
        html = answer.get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "onclick" not in html.lower()
    assert "no-store" not in answers[-1].headers.get("Cache-Control", "")


def test_the_session_cookie_is_httponly_lax_and_secure_behind_tls(
    site: tuple[Flask, Store, Settings], tmp_path: Path
) -> None:
    app, store, settings = site
    cookie = logged_in(app).get_cookie("inboxbroker_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    tls = settings_for(tmp_path, settings.store.url, web={"behind_tls": True})
    answer = create_app(tls, store, env={}).test_client().get("/login")
    assert "Secure" in answer.headers["Set-Cookie"] and "HttpOnly" in answer.headers["Set-Cookie"]
    key = settings.runtime.state_dir / "web-secret-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert create_app(settings, store, env={}).secret_key == app.secret_key  # a restart keeps everyone in


# -- hostile mail ------------------------------------------------------------------------------------------


def test_hostile_mail_is_shown_as_characters_never_as_markup(site: tuple[Flask, Store, Settings]) -> None:
    app, store, _ = site
    client = logged_in(app)
    draft = hostile_draft(store)
    queue = client.get("/?state=all").get_data(as_text=True)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    for html in (queue, page):
        assert SCRIPT not in html and "<img src=x" not in html and "onerror=alert(1)>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # the sender's name, escaped
    assert TEMPLATE in page and "Bcc: victim@example.org" in page  # literal, one line in the subject
    assert re.search(r"<h1>[^<]*\{\{ 7\*7 \}\}[^<]*\.\./\.\./etc/passwd</h1>", page)
    assert IMG.startswith('"')


def test_an_attachment_downloads_with_a_safe_name_and_only_from_its_own_request(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, store, _ = site
    client = logged_in(app)
    draft = hostile_draft(store)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    (link,) = re.findall(r'href="(/drafts/\d+/attachments/\d+)"', page)
    answer = client.get(link)
    assert answer.status_code == 200 and answer.data.startswith(b"root:x:0:0")
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    name = re.search(r'filename="([^"]*)"', disposition)
    assert name and "/" not in name[1] and "\\" not in name[1] and ".." not in name[1]
    assert not re.search(r"[\r\n<>]", disposition)
    assert answer.headers["Content-Type"].startswith("text/plain")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    other = next(d for d in store.drafts.drafts() if d.id != draft.id)
    assert client.get(link.replace(f"/drafts/{draft.id}/", f"/drafts/{other.id}/")).status_code == 404


# -- the actions -------------------------------------------------------------------------------------------


def test_actions_go_through_the_service_as_the_logged_in_user(site: tuple[Flask, Store, Settings]) -> None:
    app, store, _ = site
    client = logged_in(app)
    first, second, third = draft_ids(store)[:3]
    page = f"/drafts/{first}"
    done = post(client, f"/drafts/{first}/approve", page)
    assert done.status_code == 302 and done.headers["Location"] == page
    assert "Approved draft" in client.get(page).get_data(as_text=True)
    assert (
        post(client, "/reject", "/", ids=[second, third], reason="duplicates", next="/?state=all").headers[
            "Location"
        ]
        == "/?state=all"
    )
    states = {d.id: d.state for d in store.drafts.drafts()}
    assert (states[first], states[second], states[third]) == ("approved", "rejected", "rejected")
    actors = {(a.actor, a.action) for a in store.review.audit()}
    assert {(USER, "approve"), (USER, "reject")} <= actors
    refused = post(client, "/approve", "/")  # no draft chosen: said, not a crash
    assert refused.status_code == 302 and "name at least one draft" in client.get("/").get_data(as_text=True)


def test_waiting_requests_are_listed_escaped_and_settled_or_retried(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, store, _ = site
    client = logged_in(app)
    hostile = hostile_draft(store).request_id
    plain = next(d.request_id for d in store.drafts.drafts() if d.request_id != hostile)
    assert store.drafts.set_request_states(
        [(hostile, f"no free slot {SCRIPT}")], "needs_attention", only_from="drafted"
    )
    assert store.drafts.set_request_states([(plain, None)], "needs_triage", only_from="drafted")
    html = client.get("/requests").get_data(as_text=True)
    assert f'data-request="{hostile}"' in html and f'data-request="{plain}"' in html
    assert SCRIPT not in html and "<img src=x" not in html
    assert "no free slot &lt;script&gt;alert(1)&lt;/script&gt;" in html  # the reason, as characters

    refused = post(client, "/requests/retry", "/requests", ids=[plain])  # not in needs_attention
    assert refused.status_code == 302 and "is not waiting" in client.get("/requests").get_data(as_text=True)
    done = post(client, "/requests/retry", "/requests", ids=[hostile], next="/requests")
    assert done.status_code == 302 and done.headers["Location"] == "/requests"
    assert "drafts 1 request again" in client.get("/requests").get_data(as_text=True)
    settled = post(client, f"/requests/{plain}/reclassify", "/requests", label="other")
    assert settled.status_code == 302
    assert store.review.request(hostile).state == "new" and store.review.request(plain).state == "declined"
    assert {(USER, "retry"), (USER, "reclassify")} <= {(a.actor, a.action) for a in store.review.audit()}
    assert "No request is waiting" in client.get("/requests").get_data(as_text=True)


def test_an_edit_is_saved_and_a_refused_one_keeps_what_was_typed(site: tuple[Flask, Store, Settings]) -> None:
    app, store, _ = site
    client = logged_in(app)
    draft = hostile_draft(store)
    page = f"/drafts/{draft.id}"
    version = re.search(r'name="version" value="([^"]+)"', client.get(page).get_data(as_text=True))
    assert version
    slots = [f"{s['start']}/{s['end']}" for s in draft.slots]
    form = {"subject": "Re: your note", "cc": "", "body": draft.text + "\nSee you then.", "slot": slots}
    saved = post(client, f"{page}/edit", page, version=version[1], **form)
    assert saved.status_code == 302
    assert store.drafts.draft(draft.id).subject == "Re: your note"
    stale = post(client, f"{page}/edit", page, version=version[1], **{**form, "subject": "Older view"})
    assert stale.status_code == 422 and "changed since you opened it" in stale.get_data(as_text=True)
    assert 'value="Older view"' in stale.get_data(as_text=True)
    empty = post(client, f"{page}/edit", page, **{**form, "subject": "Kept <b>as typed</b>", "body": " "})
    text = empty.get_data(as_text=True)
    assert empty.status_code == 422 and "Not saved" in text and "Kept &lt;b&gt;as typed&lt;/b&gt;" in text
    assert store.drafts.draft(draft.id).subject == "Re: your note"
    assert any(a.actor == USER and a.action == "edit" for a in store.review.audit("draft", draft.id))


def test_the_queue_filters_by_state_label_interviewer_forwarder_and_age(
    site: tuple[Flask, Store, Settings],
) -> None:
    app, _, _ = site
    client = logged_in(app)

    def rows(query: str) -> int:
        return client.get("/" + query).get_data(as_text=True).count("<tr data-draft=")

    assert rows("") == rows("?state=pending") == rows("?state=all") == 5
    assert rows("?state=sent") == 0
    assert rows("?label=interview_request") == 5 and rows("?label=automated") == 0
    assert rows(f"?forwarded_by={RACHEL}") == 1
    assert 1 <= rows(f"?interviewer={RACHEL}") < 5 and rows("?interviewer=nobody@example.org") == 0
    assert rows("?age=7d") == 3 and rows("?age=today") == 0  # three requests came in November
    assert client.get("/?state=bogus").status_code == 409


# -- serving -----------------------------------------------------------------------------------------------


def test_serve_listens_on_loopback_unless_told_otherwise(site: tuple[Flask, Store, Settings]) -> None:
    from click.testing import CliRunner

    from inboxbroker.cli.commands import main
    from inboxbroker.review.web.server import make_server

    _, store, settings = site
    assert settings.web.host == "127.0.0.1"
    server = make_server(settings, store, port=0)
    try:
        assert server.effective_host == "127.0.0.1" and int(server.effective_port) > 0
    finally:
        server.close()
    shown = CliRunner().invoke(main, ["serve", "--help"])
    assert shown.exit_code == 0 and "--host" in shown.output and "--port" in shown.output


def test_a_session_key_from_the_environment_must_be_long(
    site: tuple[Flask, Store, Settings], tmp_path: Path
) -> None:
    from inboxbroker.errors import ConfigError

    _, store, settings = site
    named = settings_for(tmp_path, settings.store.url, web={"secret_key_env": "WEB_KEY"})
    with pytest.raises(ConfigError, match=r"web.secret_key_env: \$WEB_KEY is not set"):
        create_app(named, store, env={})
    with pytest.raises(ConfigError, match="shorter than 32"):
        create_app(named, store, env={"WEB_KEY": "short"})
    assert create_app(named, store, env={"WEB_KEY": "k" * 40}).secret_key == "k" * 40
