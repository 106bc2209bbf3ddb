// A disk spool: every committed turn is written here first (temporary file + rename), then sent. While OpenClone
// is unreachable, busy (429) or failing (5xx), turns stay on disk and are retried oldest first with exponential
// backoff; they survive a restart of OpenClaw. The server deduplicates by raw_ref, so a turn sent twice (a crash
// after the send, before the delete) is still stored once.
import { createHash } from "node:crypto"
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"

import { OpenCloneError } from "./client.js"

export class Spool {
  /**
   * @param {{ dir: string, client: { ingest(batch: object): Promise<unknown> }, logger?: { warn(msg: string): void },
   *   minDelayMs?: number, maxDelayMs?: number }} params
   */
  constructor(params) {
    this.dir = params.dir
    this.client = params.client
    this.logger = params.logger
    this.minDelayMs = params.minDelayMs ?? 1_000
    this.maxDelayMs = params.maxDelayMs ?? 300_000
    this.failures = 0
    /** @type {NodeJS.Timeout | undefined} */
    this.timer = undefined
    /** @type {Promise<void>} */
    this.flushing = Promise.resolve()
    this.sequence = 0
  }

  /** Stores a batch durably; resolves once it is on disk. */
  async add(batch) {
    await mkdir(this.dir, { recursive: true })
    const ref = String(batch?.events?.[0]?.raw_ref ?? "")
    const name = `${String(Date.now()).padStart(15, "0")}-${String(this.sequence++).padStart(6, "0")}-`
      + `${createHash("sha256").update(ref).digest("hex").slice(0, 16)}.json`
    const temporary = join(this.dir, `.${name}.${process.pid}.tmp`)
    await writeFile(temporary, JSON.stringify(batch), { encoding: "utf8", flush: true })
    await rename(temporary, join(this.dir, name))
  }

  /** How many turns wait to be sent. */
  async pending() {
    return (await this.files()).length
  }

  async files() {
    try {
      return (await readdir(this.dir)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort()
    } catch (error) {
      if (error && typeof error === "object" && "code" in error && error.code === "ENOENT") return []
      throw error
    }
  }

  /** Sends what waits, oldest first; one flush at a time. Never throws: failures schedule a retry. */
  flush() {
    this.flushing = this.flushing.then(() => this.sendAll()).catch((error) => {
      this.logger?.warn(`openclone-openclaw-capture spool: ${error instanceof Error ? error.message : error}`)
      this.retryLater()
    })
    return this.flushing
  }

  /** Resolves when the sends started so far are done (delivered, refused or scheduled for a retry). */
  idle() {
    return this.flushing
  }

  async sendAll() {
    for (const name of await this.files()) {
      const path = join(this.dir, name)
      let batch
      try {
        batch = JSON.parse(await readFile(path, "utf8"))
      } catch {
        await this.reject(name, "unreadable spool file")
        continue
      }
      try {
        await this.client.ingest(batch)
      } catch (error) {
        if (error instanceof OpenCloneError && !error.retryable) {
          await this.reject(name, error.message)
          continue
        }
        this.failures++
        this.logger?.warn(`openclone-openclaw-capture: ${error instanceof Error ? error.message : error}; `
          + `will retry (${await this.pending()} turn(s) spooled)`)
        this.retryLater(error instanceof OpenCloneError ? error.retryAfterMs : undefined)
        return
      }
      this.failures = 0
      await rm(path, { force: true })
    }
  }

  /** Moves a batch the server refused (bad request, bad key) aside, so it does not block the ones after it. */
  async reject(name, reason) {
    const rejected = join(this.dir, "rejected")
    await mkdir(rejected, { recursive: true })
    await rename(join(this.dir, name), join(rejected, name))
    this.logger?.warn(`openclone-openclaw-capture: a turn was refused and moved to ${rejected}: ${reason}`)
  }

  /** @param {number} [atLeastMs] */
  retryLater(atLeastMs) {
    if (this.timer) return
    const backoff = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.max(0, this.failures - 1))
    const jittered = backoff * (0.8 + Math.random() * 0.4)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, Math.max(jittered, atLeastMs ?? 0))
    this.timer.unref()
  }

  close() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }
}
