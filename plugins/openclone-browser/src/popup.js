// The toolbar popup: whether capture runs, what happens to this page, what waits to be sent, and pause/resume.
const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

async function activeTabId() {
  // the id of the tab the popup was opened over (a test may name one: popup.html?tab=ID)
  const named = new URLSearchParams(location.search).get("tab");
  if (named) {
    return Number(named);
  }
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function render() {
  const s = await api.runtime.sendMessage({ type: "status", tabId: await activeTabId() });
  if (!s.configured) {
    $("state").textContent = "Not set up: enter the server and key in Options.";
  } else if (s.paused) {
    $("state").textContent = s.pausedUntil ? `Paused until ${time(s.pausedUntil)}.` : "Paused until you resume.";
  } else {
    $("state").textContent = `Capturing, sending to ${s.serverUrl}.`;
  }
  const problem = s.problem && s.configured ? `Not delivered: ${s.problem.detail}` : "";
  $("problem").textContent = problem;
  $("problem").hidden = problem === "";
  $("page").textContent = s.page ? (s.page.capture ? "This page is captured." : `This page is not captured: ${s.page.reason}.`)
    : "";
  const parts = [`${s.queued} waiting to be sent`];
  if (s.lastDelivery) {
    parts.push(`last delivery ${time(s.lastDelivery.at)} (${s.lastDelivery.count})`);
  }
  if (s.dropped) {
    parts.push(`${s.dropped} refused by the server`);
  }
  $("queue").textContent = parts.join(" · ") + ".";
  $("resume").hidden = !s.paused;
  $("pause").hidden = s.paused && !s.pausedUntil;
  $("pause-hour").hidden = s.paused;
}

$("pause-hour").addEventListener("click", () => api.runtime.sendMessage({ type: "pause", minutes: 60 }).then(render));
$("pause").addEventListener("click", () => api.runtime.sendMessage({ type: "pause", minutes: null }).then(render));
$("resume").addEventListener("click", () => api.runtime.sendMessage({ type: "resume" }).then(render));
$("options").addEventListener("click", (event) => {
  event.preventDefault();
  api.runtime.openOptionsPage();
});
render();
