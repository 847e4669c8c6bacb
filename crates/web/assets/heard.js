// Heard's only script: small enhancements. Every page works without it.
(function () {
  "use strict";

  // Put focus on a form's error summary, so keyboard and screen reader users start there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Idle-session warning (WCAG 2.2.1): five minutes before the session ends, offer to stay
  // signed in with one button. The button is an ordinary form; here it is sent in the
  // background so nothing on the page is disturbed.
  var body = document.body;
  var warning = document.getElementById("session-warning");
  var seconds = parseInt(body.getAttribute("data-idle-seconds") || "", 10);
  if (!warning || !(seconds > 0)) { return; }
  var WARN_BEFORE = 300;
  var warnTimer, endTimer;

  function schedule(left) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(showWarning, Math.max(0, left - WARN_BEFORE) * 1000);
    endTimer = setTimeout(showEnded, left * 1000);
  }

  function showWarning() {
    warning.hidden = false;
    var button = warning.querySelector("button");
    if (button) { button.focus(); }
  }

  function showEnded() {
    warning.hidden = false;
    document.getElementById("session-warning-title").textContent = warning.getAttribute("data-ended-title");
    document.getElementById("session-warning-body").textContent = warning.getAttribute("data-ended-body");
    var form = warning.querySelector("form");
    if (form) { form.hidden = true; }
  }

  var keepAlive = warning.querySelector("[data-keep-alive]");
  if (keepAlive && window.fetch && window.FormData) {
    keepAlive.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(keepAlive);
      fetch(keepAlive.action, {
        method: "POST",
        body: new URLSearchParams(data),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error("not renewed"); }
        var left = parseInt(response.headers.get("x-idle-seconds") || "", 10);
        warning.hidden = true;
        schedule(left > 0 ? left : seconds);
      }).catch(function () { keepAlive.submit(); });
    });
  }

  schedule(seconds);
})();
