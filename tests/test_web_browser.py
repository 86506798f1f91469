"""The review page in real headless Chromium, served by waitress on 127.0.0.1: the whole way to a sent reply.

Log in, filter the queue, open the hostile request, download its attachment, edit the draft, approve it, run
the sender against a real SMTP server (aiosmtpd) and see the draft shown as sent — once with JavaScript and
once without it, since every action must be a plain form. The keyboard shortcuts get their own test. Every
page listens for dialogs (an ``alert`` from injected markup would open one) and for console errors (a CSP
violation is one). Screenshots of the queue and of a request's page go to ``tests/artifacts/`` on every run.
"""

from __future__ import annotations

import email
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from pathlib import Path
from typing import Any

import pytest
import waitress

from inboxbroker.review.web.app import create_app
from inboxbroker.runtime.sender import send_approved
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.corpus import require_service
from support.web import IMG, PASSWORD, SCRIPT, TEMPLATE, USER, fill_ledger, hostile_draft
from test_drafting import NOW, RACHEL
from test_sending import SENT_AT, Recorder, sending_settings, smtp_server  # noqa: F401 (a fixture)

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_service(False, "playwright (pip install playwright)")
    require_service(os.access(CHROMIUM, os.X_OK), f"Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Site:
    url: str
    settings: Settings
    store: Store
    recorder: Recorder
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> Any:
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page


@pytest.fixture
def site(tmp_path: Path, smtp_server: tuple[int, Recorder]) -> Iterator[Site]:  # noqa: F811
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite3'}", port, None)
    fill_ledger(settings, tmp_path)
    with Store.open(settings.store.url) as store:
        app = create_app(settings, store, clock=lambda: NOW, env={})
        server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield Site(f"http://127.0.0.1:{server.effective_port}", settings, store, recorder)
        finally:
            # waitress has no stop(): closing every channel empties its loop's map, which ends run().
            while server._map:
                for channel in list(server._map.values()):
                    channel.handle_close()
            server.task_dispatcher.shutdown()
            thread.join(timeout=10)


def log_in(site: Site, page: Any) -> None:
    page.goto(site.url + "/")
    assert "/login?next=" in page.url
    page.fill("input[name=name]", USER)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # waits for "load": the deferred shortcut script has run by then
        page.click("button:has-text('Log in')")
    assert page.url == site.url + "/"


def rows(page: Any) -> int:
    return int(page.locator("tr[data-draft]").count())


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_log_in_filter_open_edit_approve_and_see_it_sent(browser: Any, site: Site, javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript, accept_downloads=True)
    page = site.watch(context.new_page())
    draft = hostile_draft(site.store)
    log_in(site, page)
    assert rows(page) == 5

    # Filter with the form, as anyone would: by forwarding manager, then by label and age.
    page.fill("input[name=forwarded_by]", RACHEL)
    page.click("button:has-text('Filter')")
    assert "forwarded_by=" in page.url and rows(page) == 1
    page.click("a:has-text('Clear')")
    page.select_option("select[name=label]", "interview_request")
    page.select_option("select[name=age]", "1d")
    page.click("button:has-text('Filter')")
    assert rows(page) == 5 and page.locator(f'tr[data-draft="{draft.id}"]').count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"queue-{'js' if javascript else 'nojs'}.png"), full_page=True)

    # The hostile request: every attack reads as characters.
    page.click(f'tr[data-draft="{draft.id}"] a.open')
    assert page.url.endswith(f"/drafts/{draft.id}")
    heading = page.locator("h1").inner_text()
    assert SCRIPT in heading and TEMPLATE in heading and "../../etc/passwd" in heading
    original = page.locator("pre.original").inner_text()
    assert SCRIPT in original and IMG in original and TEMPLATE in original
    assert IMG in page.locator(".request").inner_text()  # the sender's name
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=str(ARTIFACTS / f"request-{'js' if javascript else 'nojs'}.png"), full_page=True)

    with page.expect_download() as downloading:
        page.click("ul.files a")
    name = downloading.value.suggested_filename
    assert name and "/" not in name and "\\" not in name and ".." not in name and "\n" not in name
    assert Path(downloading.value.path()).read_bytes().startswith(b"root:x:0:0")

    # Edit, then approve: an edit puts the draft back to pending, so it is approved as edited.
    page.fill("input[name=subject]", "Re: your coffee chat")
    body = page.locator("textarea[name=body]")
    body.fill(body.input_value() + "\nLooking forward to it.")
    page.click("button:has-text('Save the draft')")
    assert "saved" in page.locator(".notice-ok").inner_text()
    page.click("#approve")
    assert "Approved draft" in page.locator(".notice-ok").inner_text()
    assert page.locator(".draft-head .badge").inner_text() == "approved"

    summary = send_approved(site.settings, site.store, now=lambda: SENT_AT, sleep=lambda _: None)
    assert [r.outcome for r in summary.results] == ["sent"]
    (received,) = site.recorder.received
    sent = email.message_from_bytes(received.content, policy=policy.default)
    assert sent["Subject"] == "Re: your coffee chat" and sent["Bcc"] is None
    assert received.rcpt_tos[0] == "mallory@example.net"
    assert "Looking forward to it." in sent.get_body(("plain",)).get_content()

    page.reload()
    assert page.locator(".draft-head .badge").inner_text() == "sent"
    page.goto(site.url + "/?state=sent")
    assert rows(page) == 1 and page.locator(f'tr[data-draft="{draft.id}"] .badge').inner_text() == "sent"
    assert site.dialogs == [] and site.errors == []
    audit = site.store.review.audit("draft", draft.id)
    assert {(a.actor, a.action) for a in audit} >= {(USER, "edit"), (USER, "approve")}
    context.close()


def test_keyboard_j_k_move_a_approves_r_rejects_and_slash_filters(browser: Any, site: Site) -> None:
    context = browser.new_context()
    page = site.watch(context.new_page())
    log_in(site, page)
    ids = [int(v) for v in page.locator("tr[data-draft]").evaluate_all("rs => rs.map(r => r.dataset.draft)")]
    assert len(ids) == 5

    def selected() -> int:
        return int(page.locator("tr[data-draft].current").get_attribute("data-draft"))

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert selected() == ids[1]
    with page.expect_navigation():
        page.keyboard.press("a")
    assert site.store.drafts.draft(ids[1]).state == "approved"
    assert "Approved draft" in page.locator(".notice-ok").inner_text()
    assert rows(page) == 4 and selected() == ids[2]  # the cursor stays in place on the list

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "filter-first"
    page.locator("#filter-first").evaluate("e => e.blur()")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert page.url.endswith(f"/drafts/{ids[2]}#reject")
    assert page.evaluate("document.activeElement.id") == "reject"
    page.keyboard.type("a duplicate of another request")
    page.click("button:has-text('Reject')")
    assert site.store.drafts.draft(ids[2]).state == "rejected"
    assert site.dialogs == [] and site.errors == []
    context.close()


def test_waiting_requests_are_reached_from_the_header_and_given_back_to_drafting(
    browser: Any, site: Site
) -> None:
    request_id = hostile_draft(site.store).request_id
    why = f"no free slot {SCRIPT}"
    assert site.store.drafts.set_request_states([(request_id, why)], "needs_attention", only_from="drafted")
    page = site.watch(browser.new_context().new_page())
    log_in(site, page)
    page.click("nav.sections a:has-text('Waiting requests')")
    row = page.locator(f'tr[data-request="{request_id}"]')
    assert row.locator("td.why").inner_text() == why  # the mail's markup as characters, never run
    page.check(f'tr[data-request="{request_id}"] input[name=ids]')
    page.click("button:has-text('Draft again on the next run')")
    assert "drafts 1 request again" in page.locator("p.notice").inner_text()
    assert site.store.review.request(request_id).state == "new"
    assert site.dialogs == [] and site.errors == []
