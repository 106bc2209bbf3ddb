// From the OpenClaw plugin, loaded through OpenClaw's own definePluginEntry, to the Markdown file and back through
// universal_recall, against the real Java server.
import assert from "node:assert/strict"
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { after, before, describe, test } from "node:test"

import plugin from "../index.js"
import { API_KEY, scratch, startServer } from "./server.js"

const SESSION_KEY = "agent:home:discord:channel:123456789012345678"

/** Loads the plugin the way OpenClaw does: register(api) with the plugin's config. */
function load(pluginConfig) {
  const registered = { engines: new Map(), tools: [] }
  plugin.register({
    pluginConfig,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    registerContextEngine: (id, factory) => registered.engines.set(id, factory),
    registerTool: (factory, options) => registered.tools.push({ factory, options }),
  })
  return registered
}

/** An OpenClaw turn: the user's message with its envelope, a tool call, its result, the final reply. */
function openClawTurn(question, reply, at) {
  return [
    { role: "user", content: [{ type: "text", text: `Conversation info (untrusted metadata):\n\`\`\`json\n{"message_id": "9"}\n\`\`\`\n\n${question}` }],
      senderUsername: "operator", timestamp: at - 5000 },
    { role: "assistant", content: [{ type: "text", text: "Checking the calendar." }, { type: "toolCall", id: "c1", name: "calendar", arguments: {} }],
      timestamp: at - 3000 },
    { role: "toolResult", toolCallId: "c1", content: [{ type: "text", text: "2 events" }], timestamp: at - 2000 },
    { role: "assistant", content: [{ type: "text", text: reply }], timestamp: at },
  ]
}

describe("OpenClaw plugin → OpenClone → vault", () => {
  let dir
  let server
  before(async () => {
    dir = await scratch()
    server = await startServer({ dir, conversation: { timezone: "Europe/Riga", recallTurns: 5, includeMessageMetadata: true } })
  })
  after(() => server.stop())

  test("committed turns become the seed's daily Markdown, once, and universal_recall reads them back", async () => {
    const registered = load({ url: server.url, apiKey: API_KEY, spoolDir: join(dir, "spool") })
    assert.deepEqual([...registered.engines.keys()], ["openclone-openclaw-capture"])
    const engine = registered.engines.get("openclone-openclaw-capture")({})
    assert.deepEqual(await engine.bootstrap({}), { bootstrapped: true })

    const at = Date.parse("2026-06-01T10:05:00Z")
    const first = { advancementKey: "turn-1", sessionId: "s-1", sessionKey: SESSION_KEY, admission: { sessionKey: SESSION_KEY },
      messages: openClawTurn("What is on today?", "Two meetings.", at) }
    assert.deepEqual(await engine.commitTurn(first), { status: "committed" })
    assert.deepEqual(await engine.commitTurn(first), { status: "committed" }, "a retried advancement key")
    await engine.commitTurn({ advancementKey: "turn-2", sessionId: "s-1", admission: { sessionKey: SESSION_KEY },
      messages: openClawTurn("And tomorrow?", "Nothing yet.", at + 60_000) })
    await engine.spool.idle()

    const markdown = await readFile(join(server.vault, "conversations", "conversations-2026-06-01.md"), "utf8")
    assert.equal(markdown, [
      "---",
      "title: conversations-2026-06-01",
      "type: Conversation",
      "permalink: conversations/conversations-2026-06-01",
      "date: 2026-06-01",
      "---",
      "",
      "# Conversations 2026-06-01",
      "### 13:05",
      "Agent: home",
      "Surface: discord",
      "Channel: channel:123456789012345678",
      "Sender: operator",
      "",
      "**User:**",
      "What is on today?",
      "",
      "**Assistant:**",
      "Two meetings.",
      "",
      "---",
      "### 13:06",
      "Agent: home",
      "Surface: discord",
      "Channel: channel:123456789012345678",
      "Sender: operator",
      "",
      "**User:**",
      "And tomorrow?",
      "",
      "**Assistant:**",
      "Nothing yet.",
      "",
      "---",
      "",
    ].join("\n"))
    assert.equal(await readdir(join(dir, "spool")).then((names) => names.filter((n) => n.endsWith(".json")).length), 0)

    // After a session reset the runtime session id changes, the sessionKey does not: recall still finds the turns.
    const [{ factory, options }] = registered.tools
    assert.equal(options.name, "universal_recall")
    const tool = factory({ sessionKey: SESSION_KEY, sessionId: "s-2-after-reset" })
    const recalled = await tool.execute("call-1", { maxTurns: 1 })
    assert.equal(recalled.content[0].text, [
      "Timestamp: 2026-06-01T10:06:00.000Z",
      "Sender: operator",
      "",
      "User:",
      "And tomorrow?",
      "",
      "Assistant:",
      "Nothing yet.",
    ].join("\n"))
    assert.match((await tool.execute("call-2", {})).content[0].text, /What is on today\?[\s\S]*---[\s\S]*And tomorrow\?/)
    await assert.rejects(tool.execute("call-3", { maxTurns: -1 }), { message: "universal_recall maxTurns must be a non-negative integer." })
    await assert.rejects(tool.execute("call-4", { maxTurns: 1, other: 2 }), { message: "universal_recall has unknown parameter(s): other." })
    await assert.rejects(tool.execute("call-5", "3"), { message: "universal_recall parameters must be an object." })
    assert.equal((await factory({}).execute("call-6", {})).content[0].text,
      "universal_recall is unavailable because sessionKey is unavailable.")
  })

  test("a turn the server refuses is moved aside and does not block the next", async () => {
    const spoolDir = join(dir, "spool-refused")
    const engine = load({ url: server.url, apiKey: API_KEY, spoolDir }).engines.get("openclone-openclaw-capture")({})
    const at = Date.parse("2026-06-02T10:00:00Z")
    await engine.commitTurn({ advancementKey: "k".repeat(600), sessionId: "s", sessionKey: SESSION_KEY,
      messages: openClawTurn("too long a key", "x", at) })
    await engine.commitTurn({ advancementKey: "fine", sessionId: "s", sessionKey: SESSION_KEY,
      messages: openClawTurn("after the refused one", "stored", at) })
    await engine.spool.idle()
    assert.equal((await readdir(join(spoolDir, "rejected"))).length, 1)
    const markdown = await readFile(join(server.vault, "conversations", "conversations-2026-06-02.md"), "utf8")
    assert.match(markdown, /after the refused one/)
    assert.doesNotMatch(markdown, /too long a key/)
  })

  test("a wrong key is refused, not retried forever", async () => {
    const spoolDir = join(dir, "spool-badkey")
    const engine = load({ url: server.url, apiKey: "not-the-example-key", spoolDir }).engines.get("openclone-openclaw-capture")({})
    await engine.commitTurn({ advancementKey: "bad-key-turn", sessionId: "s", sessionKey: SESSION_KEY,
      messages: openClawTurn("q", "a", Date.now()) })
    await engine.spool.idle()
    assert.equal((await readdir(join(spoolDir, "rejected"))).length, 1)
  })
})
