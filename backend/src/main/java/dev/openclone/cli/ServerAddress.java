package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.config.SettingsException;
import dev.openclone.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running server listens, recorded by {@code serve} in {@code <OPENCLONE_HOME>/server.json} (owner-only,
 * removed on a clean stop), so that {@code status}, {@code note} and {@code ingest} find a server started on any
 * port without {@code OPENCLONE_URL}. A record whose process is gone is ignored.
 */
final class ServerAddress {

    static final String FILE = "server.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerAddress() {
    }

    /** Records {@code url} for this process, replacing any older record atomically. */
    static void record(Path home, String url) throws IOException {
        OwnerOnly.createDirectories(home);
        OwnerOnly.replace(home.resolve(FILE), JSON.writeValueAsBytes(Map.of("url", url, "pid",
                ProcessHandle.current().pid())));
    }

    /** Removes the record, if it is this process's. */
    static void forget(Path home) {
        try {
            Optional<Record> record = read(home.resolve(FILE));
            if (record.isPresent() && record.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(home.resolve(FILE));
            }
        } catch (IOException e) {
            // A stale record is ignored by readers anyway.
        }
    }

    /** The URL of a server recorded under the home the settings name, if its process still runs. */
    static Optional<String> find() {
        try {
            return read(Registry.settings().home().resolve(FILE))
                    .filter(record -> ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .map(Record::url);
        } catch (SettingsException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The address a client should use for a server bound to {@code host}: a wildcard means this machine. */
    static String url(String host, int port) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + reachable + ":" + port;
    }

    private record Record(String url, long pid) {
    }

    private static Optional<Record> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json = JSON.readTree(file.toFile());
        return json.hasNonNull("url") && json.hasNonNull("pid")
                ? Optional.of(new Record(json.get("url").asText(), json.get("pid").asLong())) : Optional.empty();
    }
}
