// The options page: the server, the key and what is captured. Saving checks every field first.
import { withDefaults, validate } from "./lib/settings.js";

const api = globalThis.browser ?? globalThis.chrome;
const form = document.getElementById("form");
const result = document.getElementById("result");
const FIELDS = ["serverUrl", "key", "minSeconds", "idleSeconds", "maxTextKb", "excludedDomains",
  "keepQueryDomains"];

function read() {
  const values = {};
  for (const name of FIELDS) {
    values[name] = form.elements[name].value;
  }
  values.sendText = form.elements.sendText.checked;
  values.allowLocalNetwork = form.elements.allowLocalNetwork.checked;
  return values;
}

function show(errors) {
  for (const name of FIELDS) {
    const error = document.getElementById(`${name}-error`);
    error.textContent = errors[name] ?? "";
    form.elements[name].setAttribute("aria-invalid", errors[name] ? "true" : "false");
  }
}

async function fill() {
  const { settings } = await api.storage.local.get("settings");
  const s = withDefaults(settings);
  for (const name of FIELDS) {
    form.elements[name].value = Array.isArray(s[name]) ? s[name].join("\n") : String(s[name]);
  }
  form.elements.sendText.checked = s.sendText;
  form.elements.allowLocalNetwork.checked = s.allowLocalNetwork;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const checked = validate(read());
  show(checked.errors ?? {});
  if (checked.errors) {
    result.textContent = "Not saved: see the fields marked above.";
    return;
  }
  const answer = await api.runtime.sendMessage({ type: "save", settings: checked.settings });
  result.textContent = answer?.ok ? "Saved." : `Not saved: ${answer?.error ?? "the extension did not answer"}`;
});

document.getElementById("test").addEventListener("click", async () => {
  const checked = validate(read());
  show(checked.errors ?? {});
  if (checked.errors?.serverUrl || checked.errors?.key) {
    result.textContent = "Enter a server address and a key first.";
    return;
  }
  result.textContent = "Testing…";
  const answer = await api.runtime.sendMessage({ type: "test", serverUrl: checked.settings?.serverUrl
    ?? new URL(read().serverUrl).origin, key: read().key.trim() });
  result.textContent = answer.message;
  result.className = answer.ok ? "ok" : "error";
});

fill();
