// While OpenClone is down, committed turns wait on disk; when it is back, each arrives once.
import assert from "node:assert/strict"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { createServer } from "node:http"
import { test } from "node:test"

import { OpenCloneClient } from "../src/client.js"
import { OpenCloneCaptureEngine } from "../src/engine.js"
import { Spool } from "../src/spool.js"
import { API_KEY, freePort, scratch, startServer } from "./server.js"

test("turns committed while the server is unreachable are spooled and delivered once when it is back", async () => {
  const dir = await scratch()
  const port = await freePort()
  const client = new OpenCloneClient({ url: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 2_000 })
  const warnings = []
  const spool = new Spool({ dir: join(dir, "spool"), client, logger: { warn: (m) => warnings.push(m) }, minDelayMs: 200, maxDelayMs: 400 })
  const engine = new OpenCloneCaptureEngine({ spool })
  const at = Date.parse("2026-06-03T09:00:00Z")
  for (let i = 0; i < 3; i++) {
    const turn = { advancementKey: `offline-${i}`, sessionId: "s", sessionKey: "agent:main:main",
      messages: [{ role: "user", content: `question ${i}` }, { role: "assistant", content: `answer ${i}`, timestamp: at + i * 60_000 }] }
    assert.deepEqual(await engine.commitTurn(turn), { status: "committed" })
  }
  // The host retries one turn: it is spooled twice and still stored once.
  await engine.commitTurn({ advancementKey: "offline-1", sessionId: "s", sessionKey: "agent:main:main",
    messages: [{ role: "user", content: "question 1" }, { role: "assistant", content: "answer 1", timestamp: at + 60_000 }] })
  await spool.idle()
  assert.equal(await spool.pending(), 4)
  assert.ok(warnings.some((w) => w.includes("unreachable")), warnings.join("\n"))
  assert.ok(!warnings.some((w) => w.includes(API_KEY)), "the key is never logged")

  const server = await startServer({ dir, port, conversation: { timezone: "UTC" } })
  try {
    const deadline = Date.now() + 20_000
    while (await spool.pending() > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.equal(await spool.pending(), 0, "the backoff retry delivered everything")
    const markdown = await readFile(join(server.vault, "conversations", "conversations-2026-06-03.md"), "utf8")
    for (let i = 0; i < 3; i++) {
      assert.equal(markdown.split(`**User:**\nquestion ${i}\n`).length, 2, `turn ${i} once`)
    }
    assert.match(markdown, /### 09:00[\s\S]*### 09:01[\s\S]*### 09:02/)
  } finally {
    spool.close()
    await server.stop()
  }
})

test("a slow server does not delay the agent: commitTurn returns once the turn is on disk", async () => {
  const dir = await scratch()
  let release
  const answered = new Promise((resolve) => { release = resolve })
  const slow = createServer((request, response) => {
    request.resume()
    // Answers only when the test says so: until then every send hangs.
    void answered.then(() => response.writeHead(200, { "Content-Type": "application/json" })
      .end('{"stored":1,"skipped":0,"redacted":0,"file":"f","files":["f"]}'))
  })
  await new Promise((resolve) => slow.listen(0, "127.0.0.1", resolve))
  const { port } = /** @type {import("node:net").AddressInfo} */ (slow.address())
  const client = new OpenCloneClient({ url: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 30_000 })
  const spool = new Spool({ dir: join(dir, "spool"), client, minDelayMs: 200, maxDelayMs: 400 })
  const engine = new OpenCloneCaptureEngine({ spool })
  try {
    const started = Date.now()
    assert.deepEqual(await engine.commitTurn({ advancementKey: "slow-1", sessionId: "s", sessionKey: "agent:main:main",
      messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }] }), { status: "committed" })
    assert.ok(Date.now() - started < 1_000, `commitTurn took ${Date.now() - started} ms`)
    assert.equal(await spool.pending(), 1, "the turn is on disk while the send hangs")

    release()
    await spool.idle()
    assert.equal(await spool.pending(), 0, "delivered once the server answered")
  } finally {
    release()
    spool.close()
    await new Promise((resolve) => slow.close(resolve))
  }
})
