// HTTP to OpenClone: POST /api/v1/ingest and GET /api/v1/recall. Never logs the key or captured text.

export class OpenCloneError extends Error {
  /** @param {string} message @param {number} status @param {boolean} retryable @param {number} [retryAfterMs] */
  constructor(message, status, retryable, retryAfterMs) {
    super(message)
    this.status = status
    this.retryable = retryable
    this.retryAfterMs = retryAfterMs
  }
}

export class OpenCloneClient {
  /** @param {{ url: string, apiKey: string, timeoutMs: number }} config */
  constructor(config) {
    this.config = config
  }

  /** @param {string} path @param {RequestInit} init */
  async request(path, init) {
    let response
    try {
      response = await fetch(this.config.url + path, {
        ...init,
        headers: { "X-API-Key": this.config.apiKey, ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
    } catch (error) {
      throw new OpenCloneError(`OpenClone is unreachable at ${this.config.url}: ${error instanceof Error ? error.message : error}`, 0, true)
    }
    const text = await response.text()
    let body
    try {
      body = text ? JSON.parse(text) : {}
    } catch {
      body = { detail: text }
    }
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body)
      const retryAfter = Number(response.headers.get("retry-after"))
      const retryable = response.status === 429 || response.status >= 500
      throw new OpenCloneError(`OpenClone answered ${response.status}: ${detail}`, response.status, retryable,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined)
    }
    return body
  }

  /** @param {object} batch */
  ingest(batch) {
    return this.request("/api/v1/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(batch),
    })
  }

  /** @param {string} sessionKey @param {number} [maxTurns] */
  recall(sessionKey, maxTurns) {
    const query = new URLSearchParams({ session_key: sessionKey })
    if (maxTurns !== undefined) query.set("max_turns", String(maxTurns))
    return this.request(`/api/v1/recall?${query}`, { method: "GET" })
  }
}
