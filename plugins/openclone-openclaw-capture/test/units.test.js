import assert from "node:assert/strict"
import { test } from "node:test"

import { parseConfig } from "../src/config.js"
import { resolveMaxTurns } from "../src/recall-tool.js"
import { slimMessages, turnBatch } from "../src/turn.js"

test("config: defaults from the environment, strict keys, clear errors", () => {
  const config = parseConfig({}, { OPENCLONE_API_KEY: "k" })
  assert.equal(config.url, "http://127.0.0.1:8000")
  assert.equal(config.apiKey, "k")
  assert.equal(config.recall, true)
  assert.equal(parseConfig({ url: "http://h:9/", apiKey: "x" }, {}).url, "http://h:9")
  assert.throws(() => parseConfig({ apiKey: "x", folder: "c" }, {}), { message: "openclone-openclaw-capture config has unknown keys: folder" })
  assert.throws(() => parseConfig({}, {}), /needs an API key/)
  assert.throws(() => parseConfig({ apiKey: "x", url: "ftp://h" }, {}), /must be an http\(s\) URL/)
  assert.throws(() => parseConfig({ apiKey: "x", timeoutMs: 0 }, {}), /timeoutMs must be a positive integer/)
  assert.throws(() => parseConfig({ apiKey: "x", recall: "yes" }, {}), /recall must be true or false/)
})

test("universal_recall parameters follow the seed", () => {
  assert.equal(resolveMaxTurns(undefined), undefined)
  assert.equal(resolveMaxTurns({}), undefined)
  assert.equal(resolveMaxTurns({ maxTurns: 0 }), undefined)
  assert.equal(resolveMaxTurns({ maxTurns: 3 }), 3)
  assert.throws(() => resolveMaxTurns([]), { message: "universal_recall parameters must be an object." })
  assert.throws(() => resolveMaxTurns({ maxTurns: 1.5 }), { message: "universal_recall maxTurns must be a non-negative integer." })
  assert.throws(() => resolveMaxTurns({ maxTurns: "2" }), { message: "universal_recall maxTurns must be a non-negative integer." })
  assert.throws(() => resolveMaxTurns({ b: 1, a: 2 }), { message: "universal_recall has unknown parameter(s): b, a." })
})

test("a turn is sent with only what capture can read", () => {
  const slim = slimMessages([
    { role: "user", content: [{ type: "text", text: "hi" }, { type: "image", data: "…" }], senderUsername: "op", timestamp: 1, extra: true },
    { role: "toolResult", content: "x".repeat(100_000) },
    { role: "assistant", content: [{ type: "toolCall", name: "exec" }, { type: "output_text", text: "done" }], timestamp: "2026-06-01T10:00:00Z" },
    { type: "compaction" },
  ])
  assert.deepEqual(slim, [
    { role: "user", content: [{ type: "text", text: "hi" }], timestamp: 1, senderUsername: "op" },
    { role: "assistant", content: [{ type: "output_text", text: "done" }], timestamp: "2026-06-01T10:00:00Z" },
  ])
  const batch = turnBatch({ advancementKey: "k1", sessionKey: "agent:a:b", sessionId: "s", messages: [], now: 1_000 })
  assert.equal(batch.source_type, "conversation")
  assert.equal(batch.events[0].raw_ref, "k1")
  assert.deepEqual(batch.events[0].data, { messages: [], pre_prompt_message_count: 0, session_key: "agent:a:b", session_id: "s" })
  assert.equal(batch.events[0].timestamp, 1)
})
