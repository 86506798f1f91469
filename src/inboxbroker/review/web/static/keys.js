// Keyboard shortcuts for the queue: j/k move, Enter opens, a approves, r rejects (on the draft's page, so a
// reason is written), / focuses the filters. Only an aid: every action is a plain form or link without it.
(function () {
  "use strict";

  function typing(event) {
    var t = event.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName));
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("tr[data-draft]"));
  }

  function current() {
    return document.querySelector("tr[data-draft].current");
  }

  function select(row) {
    var old = current();
    if (old) { old.classList.remove("current"); old.removeAttribute("aria-current"); }
    if (!row) { return; }
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var at = all.indexOf(current());
    var next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), all.length - 1);
    select(all[next]);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) { return; }
    var row = current();
    var link = row && row.querySelector("a.open");
    if (event.key === "/") {
      var first = document.getElementById("filter-first");
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (event.key === "Enter" && link) {
      window.location.assign(link.href);
    } else if (event.key === "a" && row) {
      var approve = row.querySelector("form.approve-one");
      if (approve) {
        // The approved row leaves a pending list; keeping its place puts the next one under the cursor.
        window.sessionStorage.setItem("inboxbroker.row", String(rows().indexOf(row)));
        approve.requestSubmit();
      }
    } else if (event.key === "r" && link) {
      window.location.assign(link.href + "#reject");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var kept = window.sessionStorage.getItem("inboxbroker.row");
    window.sessionStorage.removeItem("inboxbroker.row");
    var all = rows();
    if (kept !== null && all.length) { select(all[Math.min(Number(kept), all.length - 1)]); }
    if (window.location.hash === "#reject") {
      var reason = document.getElementById("reject");
      if (reason) { reason.focus(); }
    }
  });
})();
