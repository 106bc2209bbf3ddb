// The context engine OpenClaw calls: it leaves the model's context as it is and forwards each committed turn to
// OpenClone, through the disk spool.
import { PLUGIN_ID, PLUGIN_VERSION, turnBatch } from "./turn.js"

/** @typedef {import("openclaw/plugin-sdk/agent-harness-runtime").HarnessContextEngine} HarnessContextEngine */

/** @implements {HarnessContextEngine} */
export class OpenCloneCaptureEngine {
  info = {
    id: PLUGIN_ID,
    name: "OpenClone Conversation Capture",
    version: PLUGIN_VERSION,
    acceptedHostParams: ["sessionKey"],
    transcriptSemantics: {
      currentTurnFence: "before-current-turn-entry-v1",
      turnAdvancementIdempotency: "atomic-idempotent-v1",
    },
    ownsCompaction: false,
  }

  /** @param {{ spool: import("./spool.js").Spool, delegateCompaction?: (params: any) => Promise<any> }} params */
  constructor(params) {
    this.spool = params.spool
    this.delegateCompaction = params.delegateCompaction
  }

  async bootstrap() {
    void this.spool.flush()
    return { bootstrapped: true }
  }

  async ingest() {
    return { ingested: false }
  }

  /** @param {{ messages: unknown[] }} params */
  async assemble(params) {
    return {
      messages: params.messages,
      estimatedTokens: 0,
      contextProjection: { mode: "thread_bootstrap", epoch: "v0", fingerprint: "openclone-capture" },
    }
  }

  /**
   * A turn is committed once it is on disk in the spool: this returns then, and the spool sends it in the
   * background, so a slow or unreachable OpenClone never delays the agent. It reaches OpenClone now or on a
   * later retry, and a retried advancement key is stored once there.
   *
   * @param {{ advancementKey: string, messages: unknown[], sessionId: string, sessionKey?: string,
   *   admission?: { sessionKey?: string } }} params
   * @returns {Promise<{ status: "committed" | "duplicate" }>}
   */
  async commitTurn(params) {
    if (!params.advancementKey) {
      throw new Error("openclone-openclaw-capture advancement key is empty")
    }
    await this.spool.add(turnBatch({
      advancementKey: params.advancementKey,
      sessionKey: params.sessionKey ?? params.admission?.sessionKey,
      sessionId: params.sessionId,
      messages: Array.isArray(params.messages) ? params.messages : [],
    }))
    void this.spool.flush()
    return { status: "committed" }
  }

  /** @param {any} params */
  async compact(params) {
    if (!this.delegateCompaction) return { ok: true, compacted: false, reason: "not owned by this engine" }
    return this.delegateCompaction(params)
  }
}
