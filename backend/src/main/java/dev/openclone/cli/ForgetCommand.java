package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openclone forget …}: removes what the selectors match from the vault, the index and search, for good. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Forget what was captured, for good (try --dry-run first).",
            "Cuts the entries out of the daily files and drops them from the index and search (a content-free",
            "tombstone keeps a plugin's replay from bringing them back). Lines you wrote in the vault stay. At least",
            "one selector; all that are given must match. Asks before it forgets, unless --yes; --dry-run only",
            "lists. Needs the owner's key (API_KEY). Server: OPENCLONE_URL, else the one serve recorded, else",
            "http://127.0.0.1:8000."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:forgotten, or listed (--dry-run)", "1:not confirmed, or the server could not be reached "
                + "or refused", "2:bad usage (the reason is printed)"})
public final class ForgetCommand extends ClientCommand {

    @Option(names = "--from", paramLabel = "WHEN", description = "Captured at or after: 2024-02-18, an ISO-8601 "
            + "date-time, or epoch seconds.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "Captured before (a date includes that day).")
    String to;

    @Option(names = "--source-type", paramLabel = "TYPE", split = ",", description = "Only these source types.")
    List<String> sourceTypes = List.of();

    @Option(names = "--app", paramLabel = "NAME", description = "Only events of this app (any case).")
    String app;

    @Option(names = "--domain", paramLabel = "HOST", description = "Only web pages of this domain.")
    String domain;

    @Option(names = "--plugin", paramLabel = "ID", description = "Only events sent by this plugin.")
    String plugin;

    @Option(names = "--device", paramLabel = "ID", description = "Only events from this device.")
    String device;

    @Option(names = "--query", paramLabel = "WORDS", description = "Only events whose text matches these words "
            + "(as search takes them).")
    String query;

    @Option(names = "--tenant", paramLabel = "NAME", description = "The tenant (default: the default tenant).")
    String tenant;

    @Option(names = "--dry-run", description = "List what would be forgotten; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Forget without asking.")
    boolean yes;

    @Override
    int run(ServerConnection server) throws Exception {
        ObjectNode body = ServerConnection.JSON.createObjectNode();
        put(body, "from", from);
        put(body, "to", to);
        if (!sourceTypes.isEmpty()) {
            ArrayNode types = body.putArray("source_type");
            sourceTypes.forEach(types::add);
        }
        put(body, "app", app);
        put(body, "domain", domain);
        put(body, "plugin", plugin);
        put(body, "device", device);
        put(body, "query", query);
        put(body, "tenant", tenant);
        if (dryRun || !yes) {
            ObjectNode preview = body.deepCopy().put("dry_run", true);
            ServerConnection.Answer listed = server.post("/api/v1/forget", bytes(preview));
            if (listed.status() != 200) {
                return refused(listed);
            }
            int count = listed.json().get("events").asInt();
            System.out.println(count == 0 ? "Nothing matches." : count + (count == 1 ? " event" : " events")
                    + (dryRun ? " would be forgotten:" : " match:"));
            for (JsonNode entry : listed.json().get("entries")) {
                String when = entry.get("captured_at").asText().replace('T', ' ');
                System.out.printf("  %s  %-13s %s  %s%n", when.length() > 16 ? when.substring(0, 16) : when,
                        entry.get("source_type").asText(), entry.get("label").asText(), entry.get("file").asText());
            }
            if (listed.json().get("more").asBoolean()) {
                System.out.println("  … and " + (count - listed.json().get("entries").size()) + " more");
            }
            if (dryRun || count == 0) {
                return 0;
            }
            if (System.console() == null) {
                System.err.println("openclone: no terminal to ask on: add --yes to forget these " + count
                        + " events");
                return 2;
            }
            System.out.print("Forget " + (count == 1 ? "this event" : "these " + count + " events")
                    + "? It cannot be undone. [y/N] ");
            System.out.flush();
            String said = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (said == null || !said.strip().equalsIgnoreCase("y") && !said.strip().equalsIgnoreCase("yes")) {
                System.out.println("Nothing forgotten.");
                return 1;
            }
        }
        ServerConnection.Answer done = server.post("/api/v1/forget", bytes(body));
        if (done.status() != 200) {
            return refused(done);
        }
        JsonNode answer = done.json();
        int kept = answer.get("kept").asInt();
        System.out.println("Forgot " + count(answer.get("forgotten").asInt(), "event") + ": "
                + count(answer.get("cut").asInt(), "entry") + " cut from the vault" + (kept > 0 ? ", " + kept
                + " left in their files because they were changed by hand" : "") + ".");
        return 0;
    }

    private static String count(int n, String what) {
        return n + " " + (n == 1 ? what : what.equals("entry") ? "entries" : what + "s");
    }

    private static void put(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int refused(ServerConnection.Answer answer) {
        System.err.println("openclone: " + (answer.status() == 422 ? "" : "the forget was refused ("
                + answer.status() + "): ") + answer.detail());
        return answer.status() == 422 ? 2 : 1;
    }
}
