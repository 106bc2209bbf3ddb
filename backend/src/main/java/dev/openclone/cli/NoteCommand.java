package dev.openclone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.Sha256;
import dev.openclone.server.Version;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone note TEXT [--journal]}: a braindump (or journal) entry from the terminal. */
@Command(name = "note", mixinStandardHelpOptions = true,
        description = {"Append a braindump entry (or, with --journal, a journal entry) to the vault.",
            "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
            "Key: API_KEY, else backend/.env."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:saved", "1:refused or the server could not be reached", "2:bad usage"})
public final class NoteCommand extends ClientCommand {

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text; several words are joined.")
    List<String> words;

    @Option(names = "--journal", description = "Write to Journal/ instead of Braindump/.")
    boolean journal;

    @Override
    int run(ServerConnection server) throws Exception {
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) {
            System.err.println("openclone: the note is empty; write some text, such as: openclone note \"Call the "
                    + "dentist\"");
            return 2;
        }
        double now = System.currentTimeMillis() / 1000d;
        ObjectNode body = ServerConnection.JSON.createObjectNode();
        body.put("source_type", journal ? "journal" : "braindump");
        body.put("platform", platform());
        body.put("device_id", device());
        body.put("plugin_id", "openclone-cli");
        body.put("plugin_version", Version.get().matches("\\d+\\.\\d+\\.\\d+.*") ? Version.get() : "0.0.0");
        body.put("timestamp", now);
        ObjectNode event = body.putArray("events").addObject();
        event.put("timestamp", now);
        event.put("raw_ref", "note-" + sha(text + "\n" + now));
        event.putObject("data").put("text", text);
        ServerConnection.Answer answer = server.post("/api/v1/ingest", ServerConnection.JSON.writeValueAsBytes(body));
        if (answer.status() != 200) {
            System.err.println("openclone: the note was refused (" + answer.status() + "): " + answer.detail());
            return 1;
        }
        System.out.println("Saved to " + answer.json().path("file").asText());
        return 0;
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "macos" : os.contains("win") ? "windows" : "linux";
    }

    static String device() {
        try {
            String id = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._:-]", "-");
            return id.isEmpty() ? "cli" : id.substring(0, Math.min(128, id.length()));
        } catch (java.io.IOException e) {
            return "cli";
        }
    }

    private static String sha(String text) {
        return Sha256.hex(text).substring(0, 24);
    }
}
