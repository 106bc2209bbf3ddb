// The plugin's own settings (OpenClaw's plugins.entries["openclone-openclaw-capture"].config). The capture rules
// themselves (folder, timezone, filters, recall…) live on the server, in OPENCLONE_CONFIG's "conversation"
// section, so every agent feeding one vault shares one policy.
import { homedir } from "node:os"
import { join } from "node:path"

const ALLOWED_KEYS = new Set(["url", "apiKey", "spoolDir", "timeoutMs", "recall"])

/**
 * @typedef {{ url: string, apiKey: string, spoolDir: string, timeoutMs: number, recall: boolean }} CaptureConfig
 */

/**
 * @param {unknown} raw the plugin config from OpenClaw
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {CaptureConfig}
 */
export function parseConfig(raw, env = process.env) {
  const config = raw && typeof raw === "object" && !Array.isArray(raw) ? /** @type {Record<string, unknown>} */ (raw) : {}
  const unknown = Object.keys(config).filter((key) => !ALLOWED_KEYS.has(key))
  if (unknown.length > 0) {
    throw new Error(`openclone-openclaw-capture config has unknown keys: ${unknown.join(", ")}`)
  }
  const url = stringOr(config.url, env.OPENCLONE_URL ?? "http://127.0.0.1:8000").replace(/\/+$/, "")
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http")
  } catch {
    throw new Error(`openclone-openclaw-capture url must be an http(s) URL: ${url}`)
  }
  const apiKey = stringOr(config.apiKey, env.OPENCLONE_API_KEY ?? env.API_KEY ?? "")
  if (!apiKey) {
    throw new Error("openclone-openclaw-capture needs an API key: set apiKey, or OPENCLONE_API_KEY in the environment")
  }
  const timeoutMs = config.timeoutMs ?? 10_000
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error("openclone-openclaw-capture timeoutMs must be a positive integer")
  }
  if (config.recall !== undefined && typeof config.recall !== "boolean") {
    throw new Error("openclone-openclaw-capture recall must be true or false")
  }
  return {
    url,
    apiKey,
    spoolDir: stringOr(config.spoolDir, join(homedir(), ".openclaw", "openclone-spool")),
    timeoutMs,
    recall: config.recall ?? true,
  }
}

/** @param {unknown} value @param {string} fallback */
function stringOr(value, fallback) {
  return typeof value === "string" && value.trim().length > 0 ? value.trim() : fallback
}
