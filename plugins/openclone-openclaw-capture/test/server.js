// Starts the real OpenClone server (the jar `./mvnw package` builds) on a loopback port, with a temporary vault.
import { spawn } from "node:child_process"
import { mkdtemp, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
export const JAR = join(root, "backend", "target", "openclone.jar")
export const API_KEY = "test-key-for-an-example-vault"

/** A free loopback port. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address())
      server.close(() => resolvePort(port))
    })
  })
}

/** A fresh folder for one test. */
export function scratch() {
  return mkdtemp(join(tmpdir(), "openclone-plugin-"))
}

/**
 * @param {{ dir: string, port?: number, conversation?: object }} params
 * @returns {Promise<{ url: string, port: number, vault: string, stop(): Promise<void> }>}
 */
export async function startServer(params) {
  const port = params.port ?? await freePort()
  const config = join(params.dir, "config.json")
  await writeFile(config, JSON.stringify({ conversation: params.conversation ?? {} }))
  const vault = join(params.dir, "vault")
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java"
  const child = spawn(java, ["-Xmx256m", `-Dopenclone.root=${params.dir}`, "-jar", JAR, "serve", "--port", String(port),
    "--vault", vault, "--home", join(params.dir, "home"), "--config", config, "--timezone", "UTC", "--rate-limit", "0"], {
    env: { PATH: process.env.PATH ?? "", API_KEY },
    stdio: ["ignore", "ignore", "pipe"],
  })
  let stderr = ""
  child.stderr.on("data", (chunk) => { stderr += chunk })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`OpenClone exited with ${child.exitCode}: ${stderr}`)
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`OpenClone did not start in 60 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    port,
    vault,
    stop: () => new Promise((resolveStop) => {
      if (child.exitCode !== null) return resolveStop()
      child.once("exit", () => resolveStop())
      child.kill("SIGTERM")
    }),
  }
}
