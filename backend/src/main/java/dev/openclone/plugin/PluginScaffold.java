package dev.openclone.plugin;

import dev.openclone.event.Identifiers;
import dev.openclone.event.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code openclone plugin new ID --source-type T}: a plugin folder that passes {@code plugin check} and sends a
 * first event with one command: {@code plugin.json}, {@code README.md}, {@code install.sh} and
 * {@code send-example.sh}.
 */
public final class PluginScaffold {

    private PluginScaffold() {
    }

    /** Creates {@code parent/id}; refuses to overwrite an existing folder. Returns the folder. */
    public static Path create(Path parent, String id, SourceType type) throws IOException {
        if (!Identifiers.isPluginId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a plugin id: kebab-case, such as my-plugin");
        }
        String sample = SampleData.of(type, id);
        Path dir = parent.resolve(id);
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists already");
        }
        Files.createDirectories(dir);
        boolean high = type.sensitivity().compareTo(SourceType.Sensitivity.HIGH) >= 0;
        String name = Arrays.stream(id.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining(" "));
        Files.writeString(dir.resolve("plugin.json"), """
                {
                  "id": "%s",
                  "name": "%s",
                  "version": "0.1.0",
                  "description": "Sends %s events to OpenClone.",
                  "status": "planned",
                  "platform": ["linux", "macos", "windows"],
                  "source_types": ["%s"],
                  "sensitivity": "%s",
                  "requires_permissions": [],
                  "config_schema": {
                    "openclone.enabled": {"type": "boolean", "default": %s, "description": "Send events to OpenClone"},
                    "batch_size": {"type": "integer", "default": 100, "description": "Events per request (at most 500)"}
                  }
                }
                """.formatted(id, name, type.wireName(), type.wireName(), type.sensitivity(), !high),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), """
                # %s

                Captures %s events and sends them to an OpenClone server, which writes them to the vault folder
                `%s/`.%s

                ## Install

                1. Have `curl` and `bash`.
                2. Run `./install.sh`: it checks what the plugin needs.
                3. Tell the plugin where OpenClone is and which key to use, in the environment:

                   ```bash
                   export OPENCLONE_URL=http://127.0.0.1:8000
                   export API_KEY=...   # from backend/.env, or: openclone key create --tenant default --source-types %s
                   ```

                ## Send a first event

                ```bash
                ./send-example.sh
                ```

                It prints the server's answer, such as `{"stored":1,...,"file":"%s/2026-11-21.md"}`; the entry is in
                that file of the vault. Sending it again answers `"skipped":1`: every event has a `raw_ref`.

                ## Configuration

                See `config_schema` in `plugin.json`.
                """.formatted(name, type.wireName(), type.folder(), high
                        ? "\n\nThis plugin handles " + type.sensitivity() + " data, so it ships disabled "
                        + "(`openclone.enabled: false`): turn it on deliberately." : "",
                        type.wireName(), type.folder()), StandardCharsets.UTF_8);
        executable(dir.resolve("install.sh"), """
                #!/usr/bin/env bash
                # Checks what %s needs. It installs nothing system-wide.
                set -euo pipefail
                command -v curl >/dev/null || { echo "install.sh: curl is needed" >&2; exit 1; }
                echo "%s is ready. Set OPENCLONE_URL and API_KEY, then run ./send-example.sh"
                """.formatted(id, id));
        executable(dir.resolve("send-example.sh"), """
                #!/usr/bin/env bash
                # Sends one %s event to OpenClone: POST /api/v1/ingest with a raw_ref, so a retry is not stored twice.
                set -euo pipefail
                url="${OPENCLONE_URL:-http://127.0.0.1:8000}"
                : "${API_KEY:?set API_KEY to your OpenClone key}"
                NOW=$(date +%%s)
                NOW_PLUS_HOUR=$((NOW + 3600))
                device=$(hostname 2>/dev/null | tr -dc 'A-Za-z0-9._:-' | cut -c1-64)
                body=$(cat <<JSON
                {"source_type": "%s", "platform": "%s", "device_id": "${device:-my-device}",
                 "plugin_id": "%s", "plugin_version": "0.1.0", "timestamp": $NOW,
                 "events": [{"timestamp": $NOW, "raw_ref": "first-event", "data": %s}]}
                JSON
                )
                curl -sS -X POST "$url/api/v1/ingest" -H "Content-Type: application/json" -H "X-API-Key: $API_KEY" \\
                  -d "$body"
                echo
                """.formatted(type.wireName(), type.wireName(), platform(), id,
                sample));
        return dir;
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "macos" : os.contains("win") ? "windows" : "linux";
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setExecutable(true);
        }
    }
}
