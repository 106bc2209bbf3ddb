// What of a page's address is kept: only web pages (http, https), never local-network ones unless allowed,
// and without the query string, fragment and user name unless the domain may keep its query strings.

import { hostExcluded } from "./patterns.js";

/** The host of an http(s) URL in lower case, or null for any other URL. */
export function webHost(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return null;
  }
  return parsed.hostname.toLowerCase();
}

/**
 * Whether a host names this machine or a private network: localhost, *.localhost, *.local, *.internal,
 * *.home.arpa, loopback, private, link-local and carrier-grade NAT IPv4 ranges, IPv6 loopback, unique-local and
 * link-local addresses, and single-label names (intranet hosts).
 */
export function isLocalNetwork(host) {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(h)) {
    return true;
  }
  const v4 = h.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
      || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (h.includes(":")) {
    return h === "::1" || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h) || h.startsWith("::ffff:");
  }
  return !h.includes(".");
}

/**
 * The URL as it is stored: no user name or password; the query string and fragment only when the host matches
 * one of keepQueryDomains (same patterns as exclusions: "example.com" covers its subdomains).
 */
export function cleanUrl(url, keepQueryDomains = []) {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  if (!hostExcluded(parsed.hostname, keepQueryDomains)) {
    parsed.search = "";
    parsed.hash = "";
  }
  return parsed.toString();
}

/** The address without its fragment: two addresses differing only there are the same page. */
export function withoutFragment(url) {
  const at = url.indexOf("#");
  return at < 0 ? url : url.slice(0, at);
}
