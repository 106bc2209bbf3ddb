// The extension's logic that needs no browser: patterns, addresses, the capture decision, visits, delivery.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { backoffSeconds, nextBatch, retryAfterSeconds, send } from "../src/lib/delivery.js";
import { compile } from "../src/lib/patterns.js";
import { DEFAULTS, decide, validate, withDefaults } from "../src/lib/settings.js";
import { cleanUrl, isLocalNetwork, webHost } from "../src/lib/urls.js";
import { cut, merge, stale, toEvent } from "../src/lib/visits.js";

const settings = withDefaults({ serverUrl: "http://127.0.0.1:8000", key: "k" });
const allowed = (url, extra = {}) => decide({ url, incognito: false, settings, policy: null, pausedUntil: null,
  now: 1000, ...extra });

test("patterns read as the server reads them: globs whole and case-insensitive, re: anywhere", () => {
  assert.equal(compile("bank.example").matchesHost("www.Bank.example"), true);
  assert.equal(compile("bank.example").matchesHost("notbank.example"), false);
  assert.equal(compile("*.corp").matchesHost("wiki.eu.corp"), true);
  assert.equal(compile("re:/admin/").matches("https://x.example/admin/users"), true);
  assert.equal(compile("re:(?i)SECRET").matches("a secret page"), true);
  assert.equal(compile("re:SECRET").matches("a secret page"), false);
  assert.equal(compile("re:(unclosed").matches("anything"), false);
  assert.equal(compile("a-b.example").matchesHost("a-b.example"), true);
});

test("only http and https pages; local-network hosts recognised", () => {
  assert.equal(webHost("file:///etc/passwd"), null);
  assert.equal(webHost("chrome://settings"), null);
  assert.equal(webHost("chrome-extension://abc/options.html"), null);
  assert.equal(webHost("HTTPS://Example.COM/x"), "example.com");
  for (const host of ["localhost", "app.localhost", "printer.local", "127.0.0.1", "10.1.2.3", "172.20.0.1",
    "192.168.1.10", "169.254.0.1", "[::1]", "[fd12:3456::1]", "intranet"]) {
    assert.equal(isLocalNetwork(host), true, host);
  }
  for (const host of ["example.com", "172.32.0.1", "8.8.8.8", "news.test"]) {
    assert.equal(isLocalNetwork(host), false, host);
  }
});

test("addresses lose query, fragment and user name unless the domain keeps its query", () => {
  assert.equal(cleanUrl("https://u:p@shop.example/item?id=7&token=abc#reviews"), "https://shop.example/item");
  assert.equal(cleanUrl("https://www.youtube.com/watch?v=xyz#t=10", ["youtube.com"]),
    "https://www.youtube.com/watch?v=xyz#t=10");
});

test("the decision: private windows, pause, schemes, local network, local and server exclusions", () => {
  assert.deepEqual(allowed("https://news.example/a"), { capture: true, reason: "captured" });
  assert.equal(allowed("https://news.example/a", { incognito: true }).reason, "private window");
  assert.equal(allowed("https://news.example/a", { pausedUntil: 2000 }).reason, "paused");
  assert.equal(allowed("https://news.example/a", { pausedUntil: 500 }).capture, true);
  assert.equal(allowed("file:///home/me/notes.html").reason, "not a web page");
  assert.equal(allowed("http://192.168.1.1/admin").reason, "local network page");
  assert.equal(allowed("http://192.168.1.1/", { settings: { ...settings, allowLocalNetwork: true } }).capture, true);
  assert.equal(allowed("https://m.bank.example/", { settings: { ...settings, excludedDomains: ["bank.example"] } })
    .reason, "excluded domain");
  const policy = { exclusions: { domains: ["health.example"], urls: ["*/private/*"] }, disabled_sources: [] };
  assert.equal(allowed("https://health.example/", { policy }).reason, "excluded domain (server)");
  assert.equal(allowed("https://x.example/private/1?a=b", { policy }).reason, "excluded address (server)");
  assert.equal(allowed("https://x.example/", { policy: { ...policy, disabled_sources: ["web_browsing"] } }).capture,
    false);
  assert.equal(decide({ url: "https://x.example/", incognito: false, settings: withDefaults({}), policy: null,
    pausedUntil: null, now: 0 }).reason, "not set up: open Options");
});

test("the options form is checked field by field", () => {
  const form = { serverUrl: "http://127.0.0.1:8000/", key: " key ", minSeconds: "10", idleSeconds: "120",
    maxTextKb: "20", excludedDomains: "Bank.example\n\nmail.example, bank.example", keepQueryDomains: "",
    sendText: true, allowLocalNetwork: false };
  const ok = validate(form);
  assert.deepEqual(ok.settings.excludedDomains, ["bank.example", "mail.example"]);
  assert.equal(ok.settings.serverUrl, "http://127.0.0.1:8000");
  assert.equal(ok.settings.key, "key");
  const bad = validate({ ...form, serverUrl: "ftp://x", key: "", minSeconds: "1.5", excludedDomains: "a b" });
  assert.deepEqual(Object.keys(bad.errors).sort(), ["excludedDomains", "key", "minSeconds", "serverUrl"]);
  assert.equal(DEFAULTS.minSeconds, 10);
  assert.equal(DEFAULTS.maxTextKb, 20);
});

test("a visit keeps what may be stored and becomes an event only when long enough", () => {
  const report = { id: "0b6f3f0e-8d6a-4b7e-9a55-2f7a1f1f0c11", url: "https://news.example/a?utm=x", title: "A",
    startedAt: 1_700_000_000_500, seconds: 14, passwordField: false, lang: "en", text: "Body text." };
  const visit = merge(null, report, { tabId: 3, session: "s", settings, now: 5 });
  assert.equal(visit.url, "https://news.example/a");
  const event = toEvent(visit, 10);
  assert.deepEqual(event, { timestamp: 1_700_000_000, raw_ref: "visit-0b6f3f0e-8d6a-4b7e-9a55-2f7a1f1f0c11",
    data: { url: "https://news.example/a", domain: "news.example", reading_time: 14, title: "A",
      content: "Body text.", language: "en" } });
  assert.equal(toEvent({ ...visit, seconds: 9 }, 10), null);
  const login = merge(visit, { ...report, passwordField: true, seconds: 20 }, { tabId: 3, session: "s", settings, now: 6 });
  assert.deepEqual(Object.keys(toEvent(login, 10).data).sort(), ["domain", "reading_time", "title", "url"]);
  const noText = merge(null, report, { tabId: 3, session: "s", settings: { ...settings, sendText: false }, now: 5 });
  assert.equal(toEvent(noText, 10).data.content, undefined);
  assert.equal(stale(visit, { session: "s", openTabs: new Set([3]), now: 10 }), false);
  assert.equal(stale(visit, { session: "other", openTabs: new Set([3]), now: 10 }), true);
  assert.equal(stale(visit, { session: "s", openTabs: new Set(), now: 10 }), true);
  assert.equal(stale(visit, { session: "s", openTabs: new Set([3]), now: 5 + 31 * 60_000 }), true);
});

test("text is cut to its byte budget on a boundary", () => {
  const ja = "町家".repeat(5000);
  const out = cut(ja, 20 * 1024);
  assert.ok(new TextEncoder().encode(out).length <= 20 * 1024);
  assert.ok(out.endsWith("…"));
  assert.equal(cut("short", 100), "short");
  const words = cut("word ".repeat(100), 50);
  assert.match(words, /^(word )*word…$/);
});

test("batches fit the server's limits; backoff grows to 5 minutes; Retry-After read both ways", () => {
  const big = { data: { content: "x".repeat(300_000) } };
  assert.equal(nextBatch([big, big, big]).length, 1);
  assert.equal(nextBatch(Array(250).fill({ data: { url: "u" } })).length, 100);
  assert.deepEqual([1, 2, 3, 9, 20].map(backoffSeconds), [2, 4, 8, 300, 300]);
  assert.equal(retryAfterSeconds("7"), 7);
  assert.equal(retryAfterSeconds(new Date(61_000).toUTCString(), 1_000), 60);
  assert.equal(retryAfterSeconds(null), null);
});

test("each answer of the server is told apart", async () => {
  const answer = (status, body, headers = {}) => async () => new Response(JSON.stringify(body),
    { status, headers });
  const go = (fetchFn) => send([{ data: { url: "u" } }], settings, "dev", "0.1.0", fetchFn);
  assert.equal((await go(answer(200, { stored: 1 }))).kind, "sent");
  assert.equal((await go(answer(401, { detail: "Invalid or missing X-API-Key" }))).kind, "key");
  assert.match((await go(answer(403, { detail: "Source type 'web_browsing' is turned off" }))).detail, /turned off/);
  const later = await go(answer(429, { detail: "Rate limit exceeded" }, { "Retry-After": "12" }));
  assert.deepEqual([later.kind, later.retryAfter], ["later", 12]);
  assert.match((await go(answer(422, { detail: [{ loc: ["body", "events", 0], msg: "bad" }] }))).detail,
    /body\.events\.0: bad/);
  assert.equal((await go(async () => { throw new TypeError("Failed to fetch"); })).kind, "unreachable");
  let sent;
  await go(async (url, init) => { sent = { url, init }; return new Response("{}", { status: 200 }); });
  assert.equal(sent.url, "http://127.0.0.1:8000/api/v1/ingest");
  assert.equal(sent.init.headers["X-API-Key"], "k");
  const body = JSON.parse(sent.init.body);
  assert.deepEqual([body.source_type, body.platform, body.plugin_id], ["web_browsing", "web", "openclone-browser"]);
});

test("the manifest asks for little: no tabs, history or cookies; never in private windows; no remote code", () => {
  const manifest = JSON.parse(readFileSync(new URL("../src/manifest.json", import.meta.url)));
  assert.deepEqual(manifest.permissions, ["storage", "alarms"]);
  assert.deepEqual(manifest.host_permissions, ["http://*/*", "https://*/*"]);
  assert.equal(manifest.incognito, "not_allowed");
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.content_security_policy, undefined); // the MV3 default: script-src 'self'
  for (const file of ["background.js", "content.js", "popup.js", "options.js", "popup.html", "options.html"]) {
    const text = readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8");
    assert.doesNotMatch(text, /https?:\/\/(?!127\.0\.0\.1)[a-z]/i, `${file} loads nothing remote`);
    assert.doesNotMatch(text, /\beval\(|new Function\(/, file);
  }
});
