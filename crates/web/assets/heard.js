// Heard's only script: small enhancements. Every page works without it.
(function () {
  "use strict";

  // Put focus on a form's error summary, so keyboard and screen reader users start there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Notes typed in the room wait on this device until they are sent (see below), marked with
  // whose they are. They go from the device as soon as the page can see that the session has
  // ended: signing out, the idle time running out, a "signed out" answer from the server, or
  // someone else signing in here. Health notes must not linger on a shared phone.
  var QUEUE_KEY = "heard-pending";
  var OWNER = document.body.getAttribute("data-device-owner") || "";

  function stored() {
    var value = null;
    try { value = JSON.parse(localStorage.getItem(QUEUE_KEY) || "null"); } catch (e) { value = null; }
    // Kept by an older version of this script: a bare list, the person's own.
    if (Array.isArray(value)) { return { owner: OWNER, items: value }; }
    if (value && Array.isArray(value.items)) { return value; }
    return { owner: OWNER, items: [] };
  }
  function forget() {
    try { localStorage.removeItem(QUEUE_KEY); } catch (e) { /* storage unavailable */ }
  }
  if (OWNER && stored().owner && stored().owner !== OWNER) { forget(); }

  // What was waiting, taken off the device and kept only in this page, to be copied. Shown
  // open when the person is using the page (the server said "signed out" as they typed);
  // folded away when the idle time ran out, since by then someone else may pick up the phone.
  function endOnThisDevice(open) {
    var items = stored().items;
    forget();
    var box = document.querySelector("[data-unsent]");
    var list = box ? box.querySelector("[data-unsent-list]") : null;
    var typed = items.filter(function (item) { return item.typed && item.text; });
    if (!list || !typed.length) { return; }
    list.textContent = "";
    typed.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item.text;
      list.appendChild(li);
    });
    box.querySelector("[data-unsent-details]").open = !!open;
    box.hidden = false;
  }

  document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
    form.addEventListener("submit", forget);
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
    if (!warning || !(seconds > 0)) { return { renewed: function () {}, ended: function () { endOnThisDevice(true); } }; }

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
    function showEnded(byServer) {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      endOnThisDevice(byServer === true);
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
    return { renewed: renewed, ended: function () { showEnded(true); } };
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
  function load() { return stored().items; }
  function store(queue) {
    try {
      if (queue.length) {
        localStorage.setItem(QUEUE_KEY, JSON.stringify({ owner: OWNER, items: queue }));
      } else { forget(); }
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
    // Words the person typed (not a tick or a choice), to show them if they cannot be sent.
    var typedField = form.querySelector("textarea, input[type=text]");
    var text = typedField ? typedField.value : "";
    var queue = load();
    var pending = null;
    for (var i = queue.length - 1; i >= 0; i -= 1) {
      if (queue[i].key === key && !queue[i].tried) { pending = queue[i]; break; }
    }
    if (pending) {
      pending.fields = fields;
      pending.text = text;
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
        typed: !!typedField,
        text: text,
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
      if (response.status === 401) {
        // The session has ended: nothing more can be sent from here.
        flushing = false;
        say("signed-out");
        session.ended();
        return null;
      }
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
