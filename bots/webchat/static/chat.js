// Frontdesk web chat page.
//
// Entries are drawn only from GET chat/history and the chat/events stream;
// POST chat/send only starts a turn. Every entry has an id, so one that
// arrives both ways is drawn once, and replies, notices the desk sends later
// and messages from other tabs all show up the same way.
//
// Text is always set with textContent: whatever the customer or the desk
// wrote is shown as text, never parsed as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const log = $("fd-log");
  const chips = $("fd-chips");
  const notice = $("fd-notice");
  const form = $("fd-form");
  const input = $("fd-input");
  const typing = $("fd-typing");
  const greeting = $("fd-greeting");

  // The page's own words in every language the desk speaks; the page
  // follows the language of the desk's latest entry.
  let chrome = {};
  try {
    chrome = JSON.parse($("fd-chrome").textContent) || {};
  } catch (_) {
    // the words drawn by the server stay
  }
  let lang = document.documentElement.lang;
  const word = (k) => (chrome[lang] && chrome[lang][k]) || "";

  function applyChrome(l) {
    if (!chrome[l] || l === lang) return;
    lang = l;
    document.documentElement.lang = l;
    document.title = word("title");
    $("fd-company").textContent = word("company");
    $("fd-tagline").textContent = word("tagline");
    greeting.textContent = word("greeting");
    log.setAttribute("aria-label", word("log"));
    chips.setAttribute("aria-label", word("chips"));
    input.placeholder = word("placeholder");
    input.setAttribute("aria-label", word("input"));
    $("fd-send").textContent = word("send");
    typing.querySelector(".fd-typing-text").textContent = word("typing");
    if (!notice.hidden && notice.dataset.key) notice.textContent = word(notice.dataset.key);
  }

  const seen = new Set(); // ids of the entries drawn
  const unsent = new Map(); // messages the server could not take yet: id -> {body, bubble, timer, wait}
  let lastID = ""; // the newest entry drawn, where the stream resumes
  let offered = []; // buttons of the latest desk entry since the customer last spoke
  let queue = Promise.resolve(); // sends, one at a time and in order
  let events = null;
  let pending = 0; // turns sent and not yet answered
  let pinned = true; // the log is scrolled to its end, and stays there as it grows

  // showNotice shows the page's word key, or the server's own text for it.
  function showNotice(key, kind, text) {
    notice.textContent = text || word(key);
    notice.dataset.kind = kind;
    if (text) delete notice.dataset.key;
    else notice.dataset.key = key;
    notice.hidden = false;
  }

  function hideNotice(kind) {
    if (!kind || notice.dataset.kind === kind) {
      notice.hidden = true;
      notice.textContent = "";
      delete notice.dataset.kind;
      delete notice.dataset.key;
    }
  }

  // clock is an entry's time of day, with the date when it is not today.
  function clock(at) {
    const d = new Date(at);
    if (isNaN(d)) return "";
    const opts = { hour: "2-digit", minute: "2-digit", hour12: false };
    if (d.toDateString() !== new Date().toDateString()) {
      opts.month = "numeric";
      opts.day = "numeric";
      if (d.getFullYear() !== new Date().getFullYear()) opts.year = "numeric";
    }
    return d.toLocaleString(lang || [], opts);
  }

  // toEnd shows the newest entry whole, once the chips below it are drawn
  // and the layout has settled.
  function toEnd() {
    log.scrollTop = log.scrollHeight;
    requestAnimationFrame(() => {
      log.scrollTop = log.scrollHeight;
    });
  }

  function showTyping() {
    typing.hidden = pending === 0;
    if (pinned) toEnd();
  }

  function render(entry) {
    if (!entry || typeof entry.id !== "string" || seen.has(entry.id)) return;
    seen.add(entry.id);
    lastID = entry.id;
    const waiting = entry.id.startsWith("c-") && unsent.get(entry.id.slice(2));
    if (waiting) waiting.bubble.hidden = true; // recorded: its own entry shows it now
    const from = entry.from === "customer" ? "customer" : "desk";
    greeting.hidden = true;
    if (from === "desk" && typeof entry.lang === "string") applyChrome(entry.lang);

    const msg = document.createElement("div");
    msg.className = "fd-msg fd-msg--" + from;
    msg.dataset.id = entry.id;
    msg.dataset.from = from;
    const text = document.createElement("div");
    text.className = "fd-text";
    text.textContent = entry.text || "";
    const time = document.createElement("time");
    time.className = "fd-time";
    if (entry.at) {
      time.dateTime = entry.at;
      time.textContent = clock(entry.at);
    }
    msg.append(text, time);
    log.append(msg);

    if (from === "customer") offered = [];
    else if (Array.isArray(entry.buttons) && entry.buttons.length) offered = entry.buttons;
    drawChips();
    pinned = true;
    toEnd();
  }

  function drawChips() {
    chips.replaceChildren(
      ...offered.map((b) => {
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "fd-chip";
        chip.textContent = b.label;
        chip.dataset.payload = b.payload;
        chip.addEventListener("click", () => {
          // One press only: the chips go once the customer's entry arrives.
          for (const c of chips.children) c.disabled = true;
          deliver({ text: b.label, payload: b.payload, id: newID() });
        });
        return chip;
      }),
    );
  }

  // send queues one request; it resolves to true when the desk took it.
  function send(body) {
    const done = queue.then(() => post(body));
    queue = done.catch(() => false);
    return done;
  }

  async function post(body) {
    form.setAttribute("aria-busy", "true");
    pending++;
    showTyping();
    try {
      const res = await fetch("chat/send", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      if (res.ok) {
        hideNotice("send");
        // Without a live stream, fetch what the turn added.
        if (!events || events.readyState !== EventSource.OPEN) await loadHistory();
        return { ok: true };
      }
      let text = "";
      if (res.status < 500) {
        try {
          const problem = await res.json();
          if (problem && typeof problem.error === "string") text = problem.error;
        } catch (_) {
          // keep the page's own words
        }
      }
      showNotice("send_failed", "send", text);
      // A 4xx was refused for what it is (too long, expired session): sending
      // it again cannot help. A 5xx may pass once the server is back.
      return { ok: false, refused: res.status < 500 };
    } catch (_) {
      showNotice("send_failed", "send");
      return { ok: false, refused: false };
    } finally {
      pending--;
      showTyping();
      form.removeAttribute("aria-busy");
      drawChips();
    }
  }

  async function loadHistory() {
    const res = await fetch("chat/history", { credentials: "same-origin", cache: "no-store" });
    if (!res.ok) throw new Error("history: " + res.status);
    const entries = await res.json();
    if (Array.isArray(entries)) entries.forEach(render);
  }

  function connect() {
    if (events) events.close();
    events = new EventSource("chat/events?after=" + encodeURIComponent(lastID));
    events.onopen = () => {
      hideNotice("offline");
      for (const id of unsent.keys()) resend(id); // the server is back
      document.body.dataset.fdReady = "1";
    };
    events.onmessage = (ev) => {
      try {
        render(JSON.parse(ev.data));
      } catch (_) {
        // a malformed event cannot be shown
      }
    };
    events.onerror = () => {
      showNotice("offline", "offline");
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (the
      // server answered an error), so start over in a while.
      if (events.readyState === EventSource.CLOSED) setTimeout(start, 5000);
    };
  }

  async function start() {
    try {
      await loadHistory();
      hideNotice("loading");
      connect();
    } catch (_) {
      showNotice("loading", "loading");
      setTimeout(start, 5000);
    }
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 160) + "px";
  }

  // newID names one message, so that sending it again after a failure is
  // taken once by the server.
  function newID() {
    const raw = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    return raw.replace(/[^A-Za-z0-9_-]/g, "");
  }

  // deliver sends one message; when the server cannot take it (down, Redis
  // away) the message stays on the page marked as not sent, with a button
  // to send it now, and is sent again by itself until the server takes it.
  // A message refused for what it is goes back into the input box.
  async function deliver(body) {
    const result = await send(body);
    if (result.ok) return;
    if (result.refused) {
      if (body.payload === undefined && input.value === "") {
        input.value = body.text;
        grow();
      }
      return;
    }
    holdUnsent(body);
  }

  function holdUnsent(body) {
    let u = unsent.get(body.id);
    if (!u) {
      const bubble = document.createElement("div");
      bubble.className = "fd-msg fd-msg--customer fd-msg--unsent";
      bubble.dataset.from = "customer";
      bubble.dataset.unsent = body.id;
      const text = document.createElement("div");
      text.className = "fd-text";
      text.textContent = body.text;
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "fd-retry";
      retry.textContent = word("not_sent") + " · " + word("retry");
      retry.addEventListener("click", () => resend(body.id));
      bubble.append(text, retry);
      log.append(bubble);
      toEnd();
      u = { body, bubble, timer: 0, wait: 2000 };
      unsent.set(body.id, u);
    }
    if (seen.has("c-" + body.id)) u.bubble.hidden = true; // recorded; the turn is what is retried
    clearTimeout(u.timer);
    u.timer = setTimeout(() => resend(body.id), u.wait);
    u.wait = Math.min(u.wait * 2, 15000);
  }

  async function resend(id) {
    const u = unsent.get(id);
    if (!u || u.sending) return;
    clearTimeout(u.timer);
    u.sending = true;
    const result = await send(u.body);
    u.sending = false;
    if (result.ok || result.refused) {
      unsent.delete(id);
      u.bubble.remove();
      return;
    }
    holdUnsent(u.body);
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    grow();
    deliver({ text, id: newID() });
  });

  // Back online: whatever waits goes now.
  window.addEventListener("online", () => {
    for (const id of unsent.keys()) resend(id);
  });

  input.addEventListener("keydown", (ev) => {
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME
    // composition (Chinese input) only picks the characters.
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", grow);

  // The log stays at its end while the customer has not scrolled up, also
  // when the chips, the notice or the phone's keyboard shrink it.
  log.addEventListener("scroll", () => {
    pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      if (pinned) log.scrollTop = log.scrollHeight;
    }).observe(log);
  }

  start();
})();
