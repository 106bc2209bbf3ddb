// The extension's service worker: decides which pages may be captured, keeps visits until they end, queues their
// events in the extension's storage and delivers them to the OpenClone server in batches, with backoff. Nothing
// lives only in memory: the worker may be stopped at any time, and the browser may be closed.

import { backoffSeconds, nextBatch, send } from "./lib/delivery.js";
import { configured, decide, withDefaults } from "./lib/settings.js";
import { hostExcluded } from "./lib/patterns.js";
import { webHost } from "./lib/urls.js";
import { merge, stale, toEvent } from "./lib/visits.js";

const api = globalThis.browser ?? globalThis.chrome;
const VERSION = api.runtime.getManifest().version;
const POLICY_EVERY_MS = 10 * 60 * 1000;
const REFUSED_RETRY_MS = 5 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 20 * 1000;
const FOREVER = Number.MAX_SAFE_INTEGER;
const MAX_QUEUE = 5000;

// ---- storage: every change goes through one chain, so two messages never overwrite each other's writes ----

let chain = Promise.resolve();
function serial(task) {
  const run = chain.then(task, task);
  chain = run.catch((error) => console.error("openclone:", error?.message ?? error));
  return run;
}

/** Settings, state and open visits: what every message needs (the queue, which may be large, is read apart). */
async function load() {
  const stored = await api.storage.local.get(["settings", "state", "visits"]);
  const state = { pausedUntil: null, problem: null, lastDelivery: null, dropped: 0, failures: 0, nextAttemptAt: 0,
    policy: null, policyAt: 0, ...(stored.state ?? {}) };
  if (!state.deviceId) {
    state.deviceId = crypto.randomUUID();
    await api.storage.local.set({ state });
  }
  return { settings: withDefaults(stored.settings), state, visits: stored.visits ?? {} };
}

/** The events waiting to be sent. */
async function readQueue() {
  return (await api.storage.local.get("queue")).queue ?? [];
}

async function session() {
  const { session } = await api.storage.session.get("session");
  if (session) {
    return session;
  }
  // a new browser session: what waits to be sent is tried at once, whatever the backoff of the last session said
  const id = crypto.randomUUID();
  await api.storage.session.set({ session: id });
  const { state } = await api.storage.local.get("state");
  if (state) {
    await api.storage.local.set({ state: { ...state, nextAttemptAt: 0, failures: 0 } });
  }
  return id;
}

// ---- visits ----

function answer(decision, settings, url) {
  const host = webHost(url);
  return { capture: decision.capture, reason: decision.reason, minSeconds: settings.minSeconds,
    idleSeconds: settings.idleSeconds, wantText: settings.sendText,
    keepQuery: Boolean(host && hostExcluded(host, settings.keepQueryDomains)) };
}

function validReport(v) {
  return v && typeof v.id === "string" && /^[0-9a-f-]{36}$/.test(v.id) && typeof v.url === "string"
    && Number.isFinite(v.seconds) && v.seconds >= 0 && Number.isFinite(v.startedAt);
}

async function onVisit(report, tab) {
  const now = Date.now();
  const data = await load();
  const { settings, state, visits } = data;
  const decision = decide({ url: report.url, incognito: tab.incognito, settings, policy: state.policy,
    pausedUntil: state.pausedUntil, now });
  await showTab(tab.id, decision, state, settings);
  const kept = visits[report.id];
  const { ended = [] } = await api.storage.session.get("ended");
  if (ended.includes(report.id)) {
    // a late word about a visit that has ended (the page said so, or it was quiet for long): a new one starts
    return { ...answer(decision, settings, report.url), restart: true };
  }
  if (!decision.capture) {
    if (kept) {
      delete visits[report.id];
      await api.storage.local.set({ visits });
    }
    return answer(decision, settings, report.url);
  }
  if (kept || report.seconds >= settings.minSeconds) {
    const visit = merge(kept, report, { tabId: tab.id, session: await session(), settings, now });
    if (report.ended) {
      delete visits[report.id];
      await markEnded([report.id]);
      await enqueue(data, [visit]);
    } else {
      visits[report.id] = visit;
    }
    await api.storage.local.set({ visits });
  }
  return answer(decision, settings, report.url);
}

/** Remembers the last 500 ended visits, so that a late report about one does not bring it back. */
async function markEnded(ids) {
  const { ended = [] } = await api.storage.session.get("ended");
  await api.storage.session.set({ ended: [...ended, ...ids].slice(-500) });
}

/** Ends visits: the long enough ones become queued events (unless now excluded), the rest are forgotten. */
async function enqueue({ settings, state }, ended) {
  const queue = await readQueue();
  const known = new Set(queue.map((e) => e.raw_ref));
  let added = 0;
  for (const visit of ended) {
    const event = toEvent(visit, settings.minSeconds);
    if (!event || known.has(event.raw_ref)) {
      continue;
    }
    const now = decide({ url: visit.url, incognito: false, settings, policy: state.policy, pausedUntil: null,
      now: Date.now() });
    if (now.capture) {
      queue.push(event);
      added++;
    }
  }
  if (added > 0) {
    if (queue.length > MAX_QUEUE) {
      state.dropped += queue.length - MAX_QUEUE;
      queue.splice(0, queue.length - MAX_QUEUE);
      await api.storage.local.set({ state });
    }
    await api.storage.local.set({ queue });
    soon(0);
  }
}

/** Ends the visits whose page can no longer say so: tab closed, browser restarted, quiet for 30 minutes. */
async function sweep(onlyTab) {
  const data = await load();
  const current = await session();
  const openTabs = new Set((await api.tabs.query({})).map((t) => t.id));
  if (onlyTab !== undefined) {
    openTabs.delete(onlyTab);
  }
  const ended = Object.values(data.visits).filter((v) => stale(v, { session: current, openTabs, now: Date.now() }));
  if (ended.length === 0) {
    return;
  }
  for (const v of ended) {
    delete data.visits[v.id];
  }
  await markEnded(ended.map((v) => v.id));
  await enqueue(data, ended);
  await api.storage.local.set({ visits: data.visits });
}

// ---- delivery ----

let flushing = false;
let timer = null;

/** Flushes after delayMs; an alarm backs the timer up should the worker be stopped meanwhile. */
function soon(delayMs) {
  const at = Date.now() + delayMs;
  api.alarms.create("flush", { when: Math.max(at, Date.now() + 1000) });
  if (delayMs < 60_000) {
    clearTimeout(timer);
    timer = setTimeout(() => flush(), delayMs);
  }
}

async function fetchPolicy(settings) {
  const response = await fetch(settings.serverUrl + "/api/v1/policy", {
    headers: { "X-API-Key": settings.key }, credentials: "omit", cache: "no-store",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) {
    return { status: response.status };
  }
  return { status: 200, policy: await response.json() };
}

/** Asks the server for the tenant's exclusions when the copy is older than 10 minutes (or `force`). */
async function refreshPolicy(force) {
  const { settings, state } = await serial(load);
  if (!configured(settings) || (!force && Date.now() - state.policyAt < POLICY_EVERY_MS)) {
    return;
  }
  let result;
  try {
    result = await fetchPolicy(settings);
  } catch {
    return;
  }
  await serial(async () => {
    const data = await load();
    if (result.status === 200) {
      data.state.policy = result.policy;
      data.state.policyAt = Date.now();
      if (data.state.problem?.kind === "key") {
        data.state.problem = null;
      }
    } else if (result.status === 401) {
      data.state.problem = { kind: "key", detail: "the server refused the key (401): check it in Options",
        at: Date.now() };
    }
    await api.storage.local.set({ state: data.state });
    await showAll(data.state, data.settings);
  });
}

async function flush() {
  if (flushing) {
    return;
  }
  flushing = true;
  try {
    await refreshPolicy(false);
    for (;;) {
      const step = await serial(async () => {
        const { settings, state } = await load();
        const queue = await readQueue();
        if (!configured(settings) || queue.length === 0) {
          return null;
        }
        if (Date.now() < state.nextAttemptAt) {
          soon(state.nextAttemptAt - Date.now());
          return null;
        }
        const allowed = queue.filter((e) => decide({ url: e.data.url, incognito: false, settings,
          policy: state.policy, pausedUntil: null, now: Date.now() }).capture);
        if (allowed.length !== queue.length) {
          await api.storage.local.set({ queue: allowed });
        }
        return allowed.length ? { settings, state, batch: nextBatch(allowed) } : null;
      });
      if (!step) {
        return;
      }
      const outcome = await send(step.batch, step.settings, step.state.deviceId, VERSION,
        (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
      const more = await serial(() => settle(step.batch, outcome));
      if (!more) {
        return;
      }
    }
  } finally {
    flushing = false;
  }
}

/** Applies a delivery's outcome to the queue and the state; true when the next batch may go now. */
async function settle(batch, outcome) {
  const data = await load();
  const { state, settings } = data;
  const now = Date.now();
  const done = new Set();
  let again = false;
  if (outcome.kind === "sent") {
    batch.forEach((e) => done.add(e.raw_ref));
    state.lastDelivery = { at: now, count: batch.length };
    state.problem = null;
    state.failures = 0;
    state.nextAttemptAt = 0;
    again = true;
  } else if ((outcome.kind === "invalid" || outcome.kind === "too_large") && batch.length === 1) {
    // one event the server will never take: dropped (counted), so it does not hold up the rest
    done.add(batch[0].raw_ref);
    state.dropped += 1;
    state.problem = { kind: "dropped", detail: outcome.detail, at: now };
    again = true;
  } else if (outcome.kind === "invalid" || outcome.kind === "too_large") {
    // find the one at fault: the batch goes again one event at a time
    for (const event of batch) {
      const single = await send([event], settings, state.deviceId, VERSION);
      if (single.kind === "sent" || single.kind === "invalid" || single.kind === "too_large") {
        done.add(event.raw_ref);
        state.dropped += single.kind === "sent" ? 0 : 1;
      }
    }
    again = true;
  } else {
    state.failures += 1;
    const wait = outcome.kind === "key" || outcome.kind === "refused" ? REFUSED_RETRY_MS
      : 1000 * (outcome.retryAfter ?? backoffSeconds(state.failures));
    state.nextAttemptAt = now + wait;
    state.problem = { kind: outcome.kind, detail: outcome.detail, at: now };
    soon(wait);
  }
  let queue = await readQueue();
  if (done.size > 0) {
    queue = queue.filter((e) => !done.has(e.raw_ref));
    await api.storage.local.set({ queue });
  }
  await api.storage.local.set({ state });
  await showAll(state, settings);
  return again && queue.length > 0;
}

// ---- badge ----

const COLORS = { on: "#2e7d32", off: "#616161", problem: "#c62828", paused: "#616161" };

function globalBadge(state, settings) {
  if (!configured(settings)) {
    return { text: "!", color: COLORS.problem, title: "OpenClone: not set up — open Options" };
  }
  if (state.problem && state.problem.kind !== "dropped") {
    return { text: "!", color: COLORS.problem, title: `OpenClone: ${state.problem.detail}` };
  }
  if (state.pausedUntil && Date.now() < state.pausedUntil) {
    return { text: "II", color: COLORS.paused, title: "OpenClone: paused" };
  }
  return null;
}

async function showTab(tabId, decision, state, settings) {
  const tabs = (await api.storage.session.get("tabs")).tabs ?? {};
  if (tabs[tabId]?.capture !== decision.capture || tabs[tabId]?.reason !== decision.reason) {
    tabs[tabId] = decision; // written when it changes, not at each report of the page
    await api.storage.session.set({ tabs });
  }
  if (globalBadge(state, settings)) {
    await api.action.setBadgeText({ tabId, text: null }).catch(() => {});
    return;
  }
  const text = decision.capture ? "on" : "off";
  await api.action.setBadgeText({ tabId, text }).catch(() => {});
  await api.action.setBadgeBackgroundColor({ tabId, color: decision.capture ? COLORS.on : COLORS.off })
    .catch(() => {});
  await api.action.setTitle({ tabId, title: decision.capture ? "OpenClone: capturing this page"
    : `OpenClone: not capturing this page (${decision.reason})` }).catch(() => {});
}

async function showAll(state, settings) {
  const badge = globalBadge(state, settings);
  await api.action.setBadgeText({ text: badge ? badge.text : "" });
  await api.action.setBadgeBackgroundColor({ color: badge ? badge.color : COLORS.on });
  await api.action.setTitle({ title: badge ? badge.title : "OpenClone" });
  const tabs = (await api.storage.session.get("tabs")).tabs ?? {};
  for (const [tabId, decision] of Object.entries(tabs)) {
    const id = Number(tabId);
    if (badge) {
      await api.action.setBadgeText({ tabId: id, text: null }).catch(() => {});
      await api.action.setTitle({ tabId: id, title: null }).catch(() => {});
    } else {
      await showTab(id, decision, state, settings);
    }
  }
}

// ---- popup and options ----

async function status(tabId) {
  const { settings, state, visits } = await load();
  const queue = await readQueue();
  const tabs = (await api.storage.session.get("tabs")).tabs ?? {};
  const paused = Boolean(state.pausedUntil && Date.now() < state.pausedUntil);
  return {
    configured: configured(settings), serverUrl: settings.serverUrl, paused,
    pausedUntil: paused && state.pausedUntil !== FOREVER ? state.pausedUntil : null,
    problem: state.problem, queued: queue.length, open: Object.keys(visits).length,
    lastDelivery: state.lastDelivery, dropped: state.dropped,
    page: tabId !== undefined && tabs[tabId] ? tabs[tabId] : null,
  };
}

async function pause(minutes) {
  const data = await load();
  data.state.pausedUntil = minutes ? Date.now() + minutes * 60_000 : FOREVER;
  // what was read before the pause is kept: open visits end now
  const ended = Object.values(data.visits);
  data.visits = {};
  await markEnded(ended.map((v) => v.id));
  await api.storage.local.set({ state: data.state, visits: {} });
  await enqueue(data, ended);
  if (minutes) {
    api.alarms.create("resume", { when: data.state.pausedUntil });
  }
  await showAll(data.state, data.settings);
}

async function resume() {
  const data = await load();
  data.state.pausedUntil = null;
  await api.storage.local.set({ state: data.state });
  api.alarms.clear("resume");
  await showAll(data.state, data.settings);
}

async function saveSettings(settings) {
  const data = await load();
  data.state.policy = null;
  data.state.policyAt = 0;
  data.state.problem = null;
  data.state.failures = 0;
  data.state.nextAttemptAt = 0;
  await api.storage.local.set({ settings, state: data.state });
  await showAll(data.state, withDefaults(settings));
}

/** Checks a server address and key as the options form has them, without saving them. */
async function testConnection({ serverUrl, key }) {
  try {
    const health = await fetch(serverUrl + "/api/v1/health", { credentials: "omit", cache: "no-store",
      signal: AbortSignal.timeout(10_000) });
    if (!health.ok) {
      return { ok: false, message: `${serverUrl} answered ${health.status}: is it an OpenClone server?` };
    }
    const { status, policy } = await fetchPolicy({ serverUrl, key });
    if (status === 401) {
      return { ok: false, message: "The server is there, but it refused the key." };
    }
    if (status !== 200) {
      return { ok: false, message: `The server answered ${status}.` };
    }
    const off = (policy.disabled_sources ?? []).includes("web_browsing");
    return { ok: !off, message: off ? `Connected to tenant "${policy.tenant}", but web browsing is turned off there.`
      : `Connected: events go to tenant "${policy.tenant}".` };
  } catch {
    return { ok: false, message: `Cannot reach ${serverUrl}.` };
  }
}

// ---- wiring ----

function fromExtensionPage(sender) {
  return sender.id === api.runtime.id && typeof sender.url === "string"
    && sender.url.startsWith(api.runtime.getURL(""));
}

api.runtime.onMessage.addListener((message, sender, reply) => {
  if (sender.id !== api.runtime.id || !message || typeof message.type !== "string") {
    return false;
  }
  let work;
  if (message.type === "visit" && sender.tab && !fromExtensionPage(sender) && validReport(message.visit)) {
    work = serial(() => onVisit(message.visit, sender.tab));
  } else if (fromExtensionPage(sender)) {
    switch (message.type) {
      case "status": work = serial(() => status(message.tabId)); break;
      case "pause": work = serial(() => pause(message.minutes)); break;
      case "resume": work = serial(resume); break;
      case "save": work = serial(() => saveSettings(message.settings)).then(() => refreshPolicy(true))
        .then(() => { soon(0); return { ok: true }; }); break;
      case "test": work = testConnection(message); break;
      case "flush": work = flush().then(() => ({ ok: true })); break;
      default: return false;
    }
  } else {
    return false;
  }
  work.then(reply, (error) => reply({ error: String(error?.message ?? error) }));
  return true;
});

api.tabs.onRemoved.addListener((tabId) => serial(() => sweep(tabId)));

api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === "flush") {
    flush();
  } else if (alarm.name === "tick") {
    serial(() => sweep()).then(() => flush());
  } else if (alarm.name === "resume") {
    serial(async () => {
      const data = await load();
      await showAll(data.state, data.settings);
    });
  }
});

// the worker starts with the browser, so a queue left by the last session is sent without waiting for a page
api.runtime.onStartup.addListener(() => {});

api.runtime.onInstalled.addListener((details) => {
  if (details.reason === "install") {
    api.runtime.openOptionsPage();
  }
});

// every time the worker starts: the minute tick exists, visits of a closed browser end, the queue moves
api.alarms.get("tick").then((alarm) => alarm || api.alarms.create("tick", { periodInMinutes: 1 }));
serial(() => sweep()).then(() => serial(async () => {
  const data = await load();
  await showAll(data.state, data.settings);
})).then(() => flush());
