// Sends events to OpenClone from Node.js (18 or newer), no dependencies.
// Batches events (at most 500 per request), retries 429 (honouring Retry-After) and server or network errors with
// exponential backoff and jitter, never retries other 4xx answers, and gives every event a raw_ref.
//   OPENCLONE_URL=http://127.0.0.1:8000 API_KEY=... node docs/examples/node/send.mjs
const url = (process.env.OPENCLONE_URL ?? "http://127.0.0.1:8000").replace(/\/+$/, "") + "/api/v1/ingest";
const key = process.env.API_KEY;
if (!key) {
  console.error("set API_KEY to your OpenClone key");
  process.exit(2);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(body) {
  for (let attempt = 0; attempt < 5; attempt++) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      // No server: say so in seconds, not after a minute.
      if (attempt >= 2) throw new Error(`cannot reach OpenClone at ${url}: ${error.cause?.code ?? error.message} (is it running?)`);
      await sleep(200 + Math.random() * 500 * 2 ** attempt);
      continue;
    }
    if (response.ok) return response.json();
    if (response.status === 429) {
      await sleep(1000 * Number(response.headers.get("Retry-After") ?? 1));
    } else if (response.status >= 500) {
      await sleep(200 + Math.random() * Math.min(4_000, 500 * 2 ** attempt));
    } else {
      throw new Error(`refused (${response.status}): ${await response.text()}`);
    }
  }
  throw new Error("gave up: the server keeps failing");
}

async function send(events, batchSize = 100) {
  const now = Date.now() / 1000;
  for (let start = 0; start < events.length; start += batchSize) {
    const answer = await post({
      source_type: "braindump", platform: "linux", device_id: "example-node", plugin_id: "example-node",
      plugin_version: "1.0.0", timestamp: now, events: events.slice(start, start + batchSize),
    });
    console.log(JSON.stringify(answer));
  }
}

const captured = Date.now() / 1000;
try {
  await send([1, 2, 3].map((n) => ({
    timestamp: captured, raw_ref: `example-node-${n}`, data: { text: `Hello from the Node example, event ${n}` },
  })));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
