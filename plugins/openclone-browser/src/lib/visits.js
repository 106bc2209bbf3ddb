// A page visit as the extension keeps it until it ends, and the web_browsing event it becomes.

import { cleanUrl, webHost } from "./urls.js";

/** Visits without counted time for this long end; coming back to the tab starts a new visit. */
export const QUIET_END_MS = 30 * 60 * 1000;

/**
 * The visit a content script reported, merged into what was kept of it: only what may be stored (the cleaned
 * URL; no text for pages with a password field or when text is not wanted; the text cut to maxTextKb).
 */
export function merge(kept, report, { tabId, session, settings, now }) {
  const visit = kept ? { ...kept } : { id: report.id, tabId, session, startedAt: report.startedAt, text: null };
  visit.tabId = tabId;
  visit.session = session;
  visit.url = cleanUrl(report.url, settings.keepQueryDomains);
  visit.title = typeof report.title === "string" ? report.title.slice(0, 1000) : "";
  if (report.seconds > (visit.seconds ?? -1)) {
    visit.lastCounted = now;
  }
  visit.seconds = Math.max(visit.seconds ?? 0, report.seconds);
  visit.passwordField = Boolean(visit.passwordField || report.passwordField);
  if (typeof report.lang === "string" && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(report.lang)) {
    visit.lang = report.lang;
  }
  if (typeof report.text === "string" && report.text.trim() !== "") {
    visit.text = cut(report.text, settings.maxTextKb * 1024);
  }
  if (visit.passwordField || !settings.sendText) {
    visit.text = null;
  }
  visit.lastSeen = now;
  return visit;
}

/** The event of an ended visit, or null when it was too short to keep. */
export function toEvent(visit, minSeconds) {
  const seconds = Math.round(visit.seconds ?? 0);
  if (seconds < minSeconds) {
    return null;
  }
  const data = { url: visit.url, domain: webHost(visit.url), reading_time: seconds };
  if (visit.title) {
    data.title = visit.title;
  }
  if (!visit.passwordField) {
    if (visit.text) {
      data.content = visit.text;
    }
    if (visit.lang) {
      data.language = visit.lang;
    }
  }
  return { timestamp: Math.floor(visit.startedAt / 1000), raw_ref: `visit-${visit.id}`, data };
}

/** Whether a kept visit has ended without its page saying so: a tab gone, a past browser session, long quiet. */
export function stale(visit, { session, openTabs, now }) {
  return visit.session !== session || !openTabs.has(visit.tabId)
    || now - (visit.lastCounted ?? visit.lastSeen) > QUIET_END_MS;
}

/** Text cut to at most maxBytes of UTF-8, at a word or character boundary, marked with "…" when cut. */
export function cut(text, maxBytes) {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) {
    return text;
  }
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes - 3) {
      break;
    }
    bytes += size;
    end += ch.length;
  }
  let out = text.slice(0, end);
  const space = out.search(/\s\S*$/);
  if (space > out.length * 0.9) {
    out = out.slice(0, space);
  }
  return out.trimEnd() + "…";
}
