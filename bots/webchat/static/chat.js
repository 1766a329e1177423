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

  const TEXT = {
    failed: "抱歉，消息没有发送成功，请稍后再试。Sorry, your message could not be sent, please try again shortly.",
    offline: "连接中断，正在重新连接… Connection lost, reconnecting…",
    loading: "暂时无法加载对话，正在重试… Cannot load the conversation, retrying…",
  };

  const seen = new Set(); // ids of the entries drawn
  let lastID = ""; // the newest entry drawn, where the stream resumes
  let offered = []; // buttons of the latest desk entry since the customer last spoke
  let queue = Promise.resolve(); // sends, one at a time and in order
  let events = null;

  function showNotice(text, kind) {
    notice.textContent = text;
    notice.dataset.kind = kind;
    notice.hidden = false;
  }

  function hideNotice(kind) {
    if (!kind || notice.dataset.kind === kind) {
      notice.hidden = true;
      notice.textContent = "";
      delete notice.dataset.kind;
    }
  }

  function clock(at) {
    const d = new Date(at);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function render(entry) {
    if (!entry || typeof entry.id !== "string" || seen.has(entry.id)) return;
    seen.add(entry.id);
    lastID = entry.id;
    const from = entry.from === "customer" ? "customer" : "desk";

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
    log.scrollTop = log.scrollHeight;

    if (from === "customer") offered = [];
    else if (Array.isArray(entry.buttons) && entry.buttons.length) offered = entry.buttons;
    drawChips();
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
          send({ text: b.label, payload: b.payload });
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
      let text = TEXT.failed;
      if (res.status < 500) {
        try {
          const problem = await res.json();
          if (problem && typeof problem.error === "string") text = problem.error;
        } catch (_) {
          // keep the generic text
        }
      }
      showNotice(text, "send");
      // A 4xx was refused before anything was recorded: give the text back.
      return { ok: false, refused: res.status < 500 };
    } catch (_) {
      showNotice(TEXT.failed, "send");
      return { ok: false, refused: false };
    } finally {
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
      showNotice(TEXT.offline, "offline");
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
      showNotice(TEXT.loading, "loading");
      setTimeout(start, 5000);
    }
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 160) + "px";
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    grow();
    const result = await send({ text });
    if (!result.ok && result.refused && input.value === "") {
      input.value = text;
      grow();
    }
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

  start();
})();
