// universal_recall, backed by GET /api/v1/recall: the same parameters, checks, error texts and output text as
// openclaw-universal-capture's tool, read from the vault OpenClone keeps.
import { OpenCloneError } from "./client.js"

/** @param {unknown} value */
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value)
}

/**
 * The maxTurns to ask for: undefined for the server's configured window.
 * @param {unknown} rawParams
 */
export function resolveMaxTurns(rawParams) {
  if (rawParams === undefined || rawParams === null) return undefined
  if (!isRecord(rawParams)) throw new Error("universal_recall parameters must be an object.")
  const unknownKeys = Object.keys(rawParams).filter((key) => key !== "maxTurns")
  if (unknownKeys.length > 0) {
    throw new Error(`universal_recall has unknown parameter(s): ${unknownKeys.join(", ")}.`)
  }
  const maxTurns = /** @type {Record<string, unknown>} */ (rawParams).maxTurns
  if (maxTurns === undefined || maxTurns === 0) return undefined
  if (typeof maxTurns !== "number" || !Number.isInteger(maxTurns) || maxTurns < 0) {
    throw new Error("universal_recall maxTurns must be a non-negative integer.")
  }
  return maxTurns
}

/** @param {string} text */
const answer = (text) => ({ details: {}, content: [{ type: /** @type {const} */ ("text"), text }] })

/**
 * @param {{ client: import("./client.js").OpenCloneClient, context: { sessionKey?: string } }} params
 */
export function createRecallTool(params) {
  return {
    name: "universal_recall",
    label: "Universal Recall",
    description:
      "Recall recent request-response turns captured for the current OpenClaw sessionKey, such as the current channel-bound conversation. Optional maxTurns limits how many latest turns to return; 0 or omitted uses the configured default window.",
    parameters: {
      type: "object",
      properties: {
        maxTurns: {
          type: "integer",
          minimum: 0,
          description:
            "Maximum number of latest request-response turns to return. Use 0 or omit to return the configured default recall window.",
        },
      },
      required: [],
      additionalProperties: false,
    },
    /** @param {string} _toolCallId @param {unknown} [rawParams] */
    execute: async (_toolCallId, rawParams) => {
      if (!params.context.sessionKey) {
        return answer("universal_recall is unavailable because sessionKey is unavailable.")
      }
      const maxTurns = resolveMaxTurns(rawParams)
      try {
        const body = await params.client.recall(params.context.sessionKey, maxTurns)
        return answer(body.text)
      } catch (error) {
        if (error instanceof OpenCloneError && error.status === 404) {
          return answer("universal_recall is unavailable because recall is off in OpenClone (conversation.recallTurns is 0).")
        }
        if (error instanceof OpenCloneError && error.status === 422) {
          throw new Error(error.message.replace(/^OpenClone answered 422: /, ""))
        }
        return answer(`universal_recall is unavailable because OpenClone could not answer: ${error instanceof Error ? error.message : error}`)
      }
    },
  }
}
