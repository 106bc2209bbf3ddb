// Exclusion patterns as the server's config writes them (GET /api/v1/policy): a glob (* any run of characters,
// ? one character; case-insensitive; the whole value) or, with the prefix "re:", a regular expression that must
// match somewhere in the value (a leading "(?i)" makes it case-insensitive, as in Java).

/** A matcher for one pattern; a pattern this browser cannot compile matches nothing (the server still applies it). */
export function compile(source) {
  if (typeof source !== "string" || source.trim() === "") {
    return { source, matches: () => false, matchesHost: () => false };
  }
  let regex;
  let isRegex = false;
  try {
    if (source.startsWith("re:")) {
      isRegex = true;
      let body = source.slice(3);
      let flags = "u";
      if (body.startsWith("(?i)")) {
        body = body.slice(4);
        flags += "i";
      }
      regex = new RegExp(body, flags);
    } else {
      const escaped = [...source].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
      regex = new RegExp("^(?:" + escaped.join("") + ")$", "isu");
    }
  } catch {
    return { source, matches: () => false, matchesHost: () => false };
  }
  const matches = (value) => typeof value === "string" && regex.test(value);
  // For domains: the host or any parent domain matches, so "bank.example" also covers "www.bank.example".
  const matchesHost = (host) => {
    let h = String(host).toLowerCase();
    for (;;) {
      if (matches(h)) {
        return true;
      }
      const dot = h.indexOf(".");
      if (dot < 0 || isRegex) {
        return false;
      }
      h = h.slice(dot + 1);
    }
  };
  return { source, matches, matchesHost };
}

/** Whether a host matches one of the domain patterns. */
export function hostExcluded(host, patterns) {
  return patterns.some((p) => compile(p).matchesHost(host));
}

/** Whether a URL matches one of the URL patterns. */
export function urlExcluded(url, patterns) {
  return patterns.some((p) => compile(p).matches(url));
}
