// Drives an MCP server with the official TypeScript client (@modelcontextprotocol/sdk), for the backend's tests:
//   node client.mjs http URL KEY [bearer|x-api-key]   < steps.json
//   node client.mjs stdio COMMAND [ARG...]             < steps.json   (API_KEY, OPENCLONE_URL from the environment)
// steps.json: [{"op": "listTools"} | {"op": "callTool", "name": …, "arguments": {…}} | {"op": "listResources"}
//              | {"op": "readResource", "uri": …}]
// Prints one JSON line per step: {"ok": result} or {"error": message}; exits 3 when the client cannot connect.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { readFileSync } from "node:fs";

const [mode, ...rest] = process.argv.slice(2);
const steps = JSON.parse(readFileSync(0, "utf8"));

let transport;
if (mode === "http") {
  const [url, key, scheme = "bearer"] = rest;
  const headers = key === "-" ? {} : scheme === "bearer" ? { Authorization: `Bearer ${key}` } : { "X-API-Key": key };
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
} else if (mode === "stdio") {
  const [command, ...args] = rest;
  transport = new StdioClientTransport({ command, args, env: process.env, stderr: "inherit" });
} else {
  console.error("usage: node client.mjs http URL KEY | stdio COMMAND [ARG...]");
  process.exit(2);
}

const client = new Client({ name: "openclone-test-client", version: "1.0.0" });
try {
  await client.connect(transport);
} catch (e) {
  console.log(JSON.stringify({ connectError: String(e.message ?? e) }));
  process.exit(3);
}
console.log(JSON.stringify({ server: client.getServerVersion(), instructions: client.getInstructions() ?? null }));
for (const step of steps) {
  try {
    let result;
    switch (step.op) {
      case "listTools": result = await client.listTools(); break;
      case "callTool": result = await client.callTool({ name: step.name, arguments: step.arguments ?? {} }); break;
      case "listResources": result = await client.listResources(); break;
      case "readResource": result = await client.readResource({ uri: step.uri }); break;
      default: throw new Error(`unknown op ${step.op}`);
    }
    console.log(JSON.stringify({ ok: result }));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e.message ?? e), code: e.code ?? null }));
  }
}
await client.close();
