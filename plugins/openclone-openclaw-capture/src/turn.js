// One committed OpenClaw turn as an OpenClone ingest batch (SPEC §10): source type "conversation", raw_ref = the
// turn's advancement key, data = the turn's transcript messages. The server does all capture decisions.
import { createHash } from "node:crypto"
import { hostname, platform } from "node:os"

export const PLUGIN_ID = "openclone-openclaw-capture"
export const PLUGIN_VERSION = "0.1.0"

/** @param {unknown} value */
function asRecord(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : undefined
}

/**
 * Keeps what capture reads: user and assistant messages, their text parts, timestamp and senderUsername. Tool
 * calls, tool results, images and other records cannot become captured text, so they are not sent (a turn with
 * large tool output stays well under the 1 MiB request limit).
 *
 * @param {unknown[]} messages
 */
export function slimMessages(messages) {
  return messages.flatMap((message) => {
    const record = asRecord(message)
    if (!record || (record.role !== "user" && record.role !== "assistant")) return []
    /** @type {Record<string, unknown>} */
    const slim = { role: record.role }
    if (typeof record.content === "string") slim.content = record.content
    else if (Array.isArray(record.content)) {
      slim.content = record.content.filter((part) => {
        const p = asRecord(part)
        return p && (p.type === "text" || p.type === "input_text" || p.type === "output_text") && typeof p.text === "string"
      })
    }
    if (typeof record.timestamp === "number" || typeof record.timestamp === "string") slim.timestamp = record.timestamp
    if (typeof record.senderUsername === "string") slim.senderUsername = record.senderUsername
    return [slim]
  })
}

function platformName() {
  const name = platform()
  return name === "darwin" ? "macos" : name === "win32" ? "windows" : "linux"
}

/** A stable, non-identifying device id for this host. */
export function deviceId() {
  return "openclaw-" + createHash("sha256").update(hostname()).digest("hex").slice(0, 16)
}

/**
 * @param {{ advancementKey: string, sessionKey?: string, sessionId?: string, messages: unknown[], now?: number }} turn
 */
export function turnBatch(turn) {
  const seconds = (turn.now ?? Date.now()) / 1000
  /** @type {Record<string, unknown>} */
  const data = { messages: slimMessages(turn.messages), pre_prompt_message_count: 0 }
  if (turn.sessionKey) data.session_key = turn.sessionKey
  if (turn.sessionId) data.session_id = turn.sessionId
  return {
    source_type: "conversation",
    platform: platformName(),
    device_id: deviceId(),
    plugin_id: PLUGIN_ID,
    plugin_version: PLUGIN_VERSION,
    timestamp: seconds,
    events: [{ timestamp: seconds, raw_ref: turn.advancementKey, data }],
  }
}
