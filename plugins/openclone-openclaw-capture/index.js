// OpenClone conversation capture for OpenClaw: a context engine that forwards each committed turn to OpenClone
// (which applies openclaw-universal-capture's rules and writes the vault), and the universal_recall tool.
import { delegateCompactionToRuntime } from "openclaw/plugin-sdk/core"
import { definePluginEntry } from "openclaw/plugin-sdk/plugin-entry"

import { OpenCloneClient } from "./src/client.js"
import { parseConfig } from "./src/config.js"
import { OpenCloneCaptureEngine } from "./src/engine.js"
import { createRecallTool } from "./src/recall-tool.js"
import { Spool } from "./src/spool.js"

export default definePluginEntry({
  id: "openclone-openclaw-capture",
  name: "OpenClone Conversation Capture",
  description: "Forwards committed OpenClaw turns to an OpenClone vault; universal_recall reads them back.",
  configSchema: { parse: (raw) => parseConfig(raw) },

  /** @param {import("openclaw/plugin-sdk/plugin-entry").OpenClawPluginApi} api */
  register(api) {
    const config = parseConfig(api.pluginConfig)
    const client = new OpenCloneClient(config)
    const spool = new Spool({ dir: config.spoolDir, client, logger: api.logger })

    if (config.recall) {
      api.registerTool((ctx) => createRecallTool({ client, context: ctx }), { name: "universal_recall" })
    }
    api.registerContextEngine("openclone-openclaw-capture",
      () => new OpenCloneCaptureEngine({ spool, delegateCompaction: delegateCompactionToRuntime }))
  },
})
