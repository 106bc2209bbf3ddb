// Sending queued events to POST /api/v1/ingest: batches that fit the server's limits, what each answer means,
// and how long to wait before the next try.

export const MAX_BATCH_EVENTS = 100;
export const MAX_BATCH_BYTES = 512 * 1024;
const MAX_BACKOFF_SECONDS = 300;

/** The first events of the queue that fit one request (always at least one). */
export function nextBatch(queue, maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES) {
  const batch = [];
  let bytes = 0;
  for (const event of queue) {
    const size = new TextEncoder().encode(JSON.stringify(event)).length + 1;
    if (batch.length > 0 && (batch.length >= maxEvents || bytes + size > maxBytes)) {
      break;
    }
    batch.push(event);
    bytes += size;
  }
  return batch;
}

/** Seconds to wait after the n-th failure in a row (n from 1): 2, 4, 8 … at most 5 minutes. */
export function backoffSeconds(failures) {
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(1, failures));
}

/** A Retry-After header as seconds (delay or HTTP date), or null. */
export function retryAfterSeconds(header, now = Date.now()) {
  if (header == null || header === "") {
    return null;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim());
  }
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The ingest request body for a batch of web_browsing events. */
export function body(events, deviceId, version, now = Date.now()) {
  return {
    source_type: "web_browsing",
    platform: "web",
    device_id: deviceId,
    plugin_id: "openclone-browser",
    plugin_version: version,
    timestamp: now / 1000,
    events,
  };
}

/**
 * Sends one batch and says what happened: {kind: "sent"} or a failure — "key" (401), "refused" (403: the key's
 * scope or the source turned off), "too_large" (413), "invalid" (422, with the server's detail), "later" (429,
 * 503: wait retryAfter seconds) or "unreachable" (no answer, or another status).
 */
export async function send(batch, settings, deviceId, version, fetchFn = fetch) {
  let response;
  try {
    response = await fetchFn(settings.serverUrl + "/api/v1/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-API-Key": settings.key },
      body: JSON.stringify(body(batch, deviceId, version)),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (error) {
    return { kind: "unreachable", detail: `cannot reach ${settings.serverUrl}` };
  }
  const detail = await response.json().then((j) => describe(j?.detail), () => "");
  const status = response.status;
  if (status >= 200 && status < 300) {
    return { kind: "sent" };
  }
  const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
  if (status === 401) {
    return { kind: "key", detail: "the server refused the key (401): check it in Options" };
  }
  if (status === 403) {
    return { kind: "refused", detail: `the server refused these events (403): ${detail}` };
  }
  if (status === 413) {
    return { kind: "too_large", detail: "batch too large (413)" };
  }
  if (status === 422) {
    return { kind: "invalid", detail: `the server found an event invalid (422): ${detail}` };
  }
  if (status === 429 || status === 503) {
    return { kind: "later", retryAfter, detail: `the server asked to wait (${status})` };
  }
  return { kind: "unreachable", retryAfter, detail: `the server answered ${status}` };
}

function describe(detail) {
  if (typeof detail === "string") {
    return detail;
  }
  if (Array.isArray(detail)) {
    return detail.map((d) => (d && d.msg ? `${(d.loc ?? []).join(".")}: ${d.msg}` : JSON.stringify(d))).join("; ");
  }
  return detail == null ? "" : JSON.stringify(detail);
}
