// Heard's only script: small enhancements. Every page works without it.
(function () {
  "use strict";

  // Put focus on a form's error summary, so keyboard and screen reader users start there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  var QUEUE_KEY = "heard-pending";

  // Signing out forgets anything still waiting on this device: health notes must not linger.
  // (The server also asks the browser to clear this site's storage.)
  document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
    form.addEventListener("submit", function () {
      try { localStorage.removeItem(QUEUE_KEY); } catch (e) { /* storage unavailable */ }
    });
  });

  // ---------------------------------------------------------------------------------------
  // Idle-session warning (WCAG 2.2.1): five minutes before the session ends, offer to stay
  // signed in with one button.
  var session = (function () {
    var body = document.body;
    var warning = document.getElementById("session-warning");
    var seconds = parseInt(body.getAttribute("data-idle-seconds") || "", 10);
    var WARN_BEFORE = 300;
    var warnTimer, endTimer;
    if (!warning || !(seconds > 0)) { return { renewed: function () {} }; }

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
    if (keepAlive && window.fetch) {
      keepAlive.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(keepAlive.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(keepAlive)),
          headers: { "Accept": "application/json" },
          credentials: "same-origin"
        }).then(function (response) {
          if (!response.ok) { throw new Error("not renewed"); }
          warning.hidden = true;
          renewed(response);
        }).catch(function () { keepAlive.submit(); });
      });
    }
    function renewed(response) {
      var left = parseInt(response.headers.get("x-idle-seconds") || "", 10);
      if (left > 0) { schedule(left); }
    }
    schedule(seconds);
    return { renewed: renewed };
  })();

  // ---------------------------------------------------------------------------------------
  // In the room: every answer and note is saved on its own, in the background. With no
  // signal, changes wait on this device (shown as "waiting to send") and go as soon as the
  // signal is back. Each change carries an id made here, so a retry never saves it twice.
  var room = document.querySelector("[data-room]");
  if (!room || !window.fetch || !window.localStorage) { return; }
  var status = room.querySelector("[data-sync-status]");
  var forms = Array.prototype.slice.call(room.querySelectorAll("form[data-room-entry]"));
  var flushing = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }
  function store(queue) {
    try {
      if (queue.length) { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); } else { localStorage.removeItem(QUEUE_KEY); }
    } catch (e) { /* storage full or unavailable: the form still works by its button */ }
  }
  function slotKey(form) {
    var data = new FormData(form);
    return [form.action, data.get("on"), data.get("question") || data.get("step") || "", data.get("field") || ""].join("|");
  }
  function csrf() {
    var field = document.querySelector("input[name=csrf]");
    return field ? field.value : "";
  }
  function say(kind, count) {
    if (!status) { return; }
    var text = status.getAttribute("data-" + kind) || "";
    status.textContent = text.replace("{count}", String(count || 0));
    status.hidden = false;
    status.setAttribute("data-state", kind);
  }
  function formState(key, text) {
    forms.forEach(function (form) {
      if (slotKey(form) !== key) { return; }
      var state = form.querySelector("[data-save-state]");
      if (state) { state.textContent = text; }
    });
  }

  // Adds (or updates, if not yet sent) the change a form holds to the queue.
  function enqueue(form) {
    var key = slotKey(form);
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf" && name !== "id" && name !== "based_on") { fields.push([name, value]); }
    });
    var queue = load();
    var pending = null;
    for (var i = queue.length - 1; i >= 0; i -= 1) {
      if (queue[i].key === key && !queue[i].tried) { pending = queue[i]; break; }
    }
    if (pending) {
      pending.fields = fields;
    } else {
      var earlier = null;
      for (var j = queue.length - 1; j >= 0; j -= 1) {
        if (queue[j].key === key) { earlier = queue[j]; break; }
      }
      var basedOn = form.querySelector("[data-based-on]");
      queue.push({
        key: key,
        url: form.action,
        id: uuid(),
        basedOn: earlier ? earlier.id : (basedOn ? basedOn.value : ""),
        fields: fields,
        tried: false
      });
    }
    store(queue);
    formState(key, status ? status.getAttribute("data-state-waiting") : "");
  }

  function flush() {
    if (flushing) { return; }
    var queue = load();
    if (!queue.length) { say("saved"); return; }
    flushing = true;
    var item = queue[0];
    item.tried = true;
    store(queue);
    var body = new URLSearchParams();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.set("id", item.id);
    body.set("based_on", item.basedOn);
    body.set("csrf", csrf());
    fetch(item.url, {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.status === 401) { flushing = false; say("signed-out"); return null; }
      if (response.status >= 500) { throw new Error("server"); }
      session.renewed(response);
      var rest = load().filter(function (i) { return i.id !== item.id; });
      store(rest);
      if (!response.ok) { flushing = false; say("failed"); return null; }
      return response.json().then(function (saved) {
        // Later changes to the same field build on what the server now holds.
        if (!rest.some(function (i) { return i.key === item.key; })) {
          forms.forEach(function (form) {
            if (slotKey(form) !== item.key) { return; }
            var basedOn = form.querySelector("[data-based-on]");
            if (basedOn) { basedOn.value = saved.based_on || item.id; }
          });
          formState(item.key, status ? status.getAttribute("data-state-saved") : "");
        }
        flushing = false;
        if (saved.conflict) { say("conflict"); }
        flush();
      });
    }).catch(function () {
      flushing = false;
      say("waiting", load().length);
    });
  }

  forms.forEach(function (form) {
    var timer;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-toggle")) {
        // "I did not understand" / "I understand now": flip the button and its phrases at once.
        var value = form.querySelector("input[name=value]");
        enqueue(form);
        if (value) { value.value = value.value === "yes" ? "" : "yes"; }
        var phrases = form.querySelector("[data-phrases]");
        if (phrases) { phrases.hidden = !phrases.hidden; }
      } else {
        enqueue(form);
      }
      flush();
    });
    form.addEventListener("input", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox") { return; }
      clearTimeout(timer);
      formState(slotKey(form), status ? status.getAttribute("data-state-waiting") : "");
      timer = setTimeout(function () { enqueue(form); flush(); }, 800);
    });
    form.addEventListener("change", function (event) {
      if (event.target.type !== "radio" && event.target.type !== "checkbox") { return; }
      enqueue(form);
      flush();
    });
  });

  window.addEventListener("online", flush);
  setInterval(function () { if (load().length) { flush(); } }, 10000);
  // Anything left from before (a reload while offline) goes now.
  if (load().length) { say("waiting", load().length); flush(); }
})();
