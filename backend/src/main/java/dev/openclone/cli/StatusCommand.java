package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code openclone status}: is the server up, and what did it store today, per source. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the server's health and today's events per source.",
            "Today's counts need a key that may read (the default key, or one created with --read).",
            "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
            "Key: API_KEY, else backend/.env."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the server is up", "1:the server could not be reached or answered an error",
            "2:bad usage"})
public final class StatusCommand extends ClientCommand {

    @Override
    int run(ServerConnection server) throws Exception {
        ServerConnection.Answer health;
        try {
            health = server.get("/api/v1/health");
        } catch (java.io.IOException e) {
            System.err.println("openclone: " + e.getMessage());
            return 1;
        }
        if (health.status() != 200) {
            System.err.println("openclone: " + server.base() + " answered " + health.status());
            return 1;
        }
        System.out.println("OpenClone " + health.json().path("version").asText() + " at " + server.base() + ": ok");
        String today = LocalDate.now().toString();
        ServerConnection.Answer day = server.get("/api/v1/timeline?date=" + today + "&limit=10000");
        if (day.status() == 403) {
            System.out.println("Today's counts need a key that may read (openclone key create --read).");
            return 0;
        }
        if (day.status() != 200) {
            System.err.println("openclone: timeline answered " + day.status() + ": " + day.detail());
            return 1;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode event : day.json().path("events")) {
            counts.merge(event.path("source_type").asText(), 1, Integer::sum);
        }
        String zone = day.json().path("timezone").asText();
        System.out.println("Today (" + today + ", " + zone + "): " + (counts.isEmpty() ? "no events yet" : ""));
        counts.forEach((type, n) -> System.out.printf("  %-14s %d%n", type, n));
        if (day.json().path("truncated").asBoolean()) {
            System.out.println("  (more than 10000 events today: counts are of the first 10000)");
        }
        return 0;
    }
}
