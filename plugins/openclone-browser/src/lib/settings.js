// The extension's settings (the options page writes them; they live in the extension's own storage, never in a
// page) and the one decision every page visit goes through: may it be captured?

import { hostExcluded, urlExcluded } from "./patterns.js";
import { cleanUrl, isLocalNetwork, webHost } from "./urls.js";

export const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8000",
  key: "",
  minSeconds: 10,
  idleSeconds: 120,
  sendText: true,
  maxTextKb: 20,
  excludedDomains: [],
  keepQueryDomains: [],
  allowLocalNetwork: false,
});

/** Stored settings over the defaults (unknown keys dropped). */
export function withDefaults(stored) {
  const out = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    if (stored && stored[key] !== undefined) {
      out[key] = stored[key];
    }
  }
  return out;
}

const LIMITS = { minSeconds: [1, 3600], idleSeconds: [15, 3600], maxTextKb: [1, 200] };

/**
 * Checks what the options form sends. Returns {settings} or {errors: {field: message}}; lists are given as text,
 * one domain per line (commas also separate).
 */
export function validate(form) {
  const errors = {};
  const settings = {};
  let server;
  try {
    server = new URL(String(form.serverUrl ?? "").trim());
  } catch {
    server = null;
  }
  if (!server || (server.protocol !== "http:" && server.protocol !== "https:") || server.username || server.password) {
    errors.serverUrl = "Enter the server's address, such as http://127.0.0.1:8000";
  } else {
    settings.serverUrl = server.origin + server.pathname.replace(/\/+$/, "");
  }
  const key = String(form.key ?? "").trim();
  if (key === "") {
    errors.key = "Enter a key (openclone key create --source-types web_browsing prints one)";
  } else if (/\s/.test(key) || key.length > 512) {
    errors.key = "A key is one word without spaces";
  } else {
    settings.key = key;
  }
  for (const [field, [min, max]] of Object.entries(LIMITS)) {
    const text = String(form[field] ?? "").trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      errors[field] = `A whole number from ${min} to ${max}`;
    } else {
      settings[field] = value;
    }
  }
  for (const field of ["excludedDomains", "keepQueryDomains"]) {
    const items = String(form[field] ?? "").split(/[\n,]/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = items.find((d) => !/^[a-z0-9*?.\-\[\]:]+$/u.test(d) && !d.startsWith("re:"));
    if (bad) {
      errors[field] = `Not a domain: ${bad}`;
    } else {
      settings[field] = [...new Set(items)];
    }
  }
  settings.sendText = Boolean(form.sendText);
  settings.allowLocalNetwork = Boolean(form.allowLocalNetwork);
  return Object.keys(errors).length ? { errors } : { settings };
}

/** Whether the extension can send at all: a server and a key. */
export function configured(settings) {
  return Boolean(settings.serverUrl && settings.key);
}

/**
 * Whether a page may be captured, and why not. `policy` is the tenant's GET /api/v1/policy answer (or null when
 * not known yet); `pausedUntil` is a time in ms, or Infinity.
 */
export function decide({ url, incognito, settings, policy, pausedUntil, now }) {
  if (incognito) {
    return { capture: false, reason: "private window" };
  }
  if (!configured(settings)) {
    return { capture: false, reason: "not set up: open Options" };
  }
  if (pausedUntil && now < pausedUntil) {
    return { capture: false, reason: "paused" };
  }
  const host = webHost(url);
  if (!host) {
    return { capture: false, reason: "not a web page" };
  }
  if (!settings.allowLocalNetwork && isLocalNetwork(host)) {
    return { capture: false, reason: "local network page" };
  }
  if (hostExcluded(host, settings.excludedDomains)) {
    return { capture: false, reason: "excluded domain" };
  }
  if (policy) {
    if ((policy.disabled_sources ?? []).includes("web_browsing")) {
      return { capture: false, reason: "web browsing is turned off on the server" };
    }
    const exclusions = policy.exclusions ?? {};
    if (hostExcluded(host, exclusions.domains ?? [])) {
      return { capture: false, reason: "excluded domain (server)" };
    }
    const clean = cleanUrl(url, settings.keepQueryDomains);
    if (urlExcluded(url, exclusions.urls ?? []) || urlExcluded(clean, exclusions.urls ?? [])) {
      return { capture: false, reason: "excluded address (server)" };
    }
  }
  return { capture: true, reason: "captured" };
}
