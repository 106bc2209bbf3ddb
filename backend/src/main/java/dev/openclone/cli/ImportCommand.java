package dev.openclone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.health.HealthAggregates;
import dev.openclone.health.HealthExport;
import dev.openclone.imports.SpotifyHistory;
import dev.openclone.sdk.RawRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code openclone import spotify DIR} (and {@code health FILE}): history files from other services. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import history files other services let you download.",
        subcommands = {ImportCommand.Spotify.class, ImportCommand.Health.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (a file's problems are listed, the rest imported)", "1:refused or unreachable",
            "2:bad usage"})
public final class ImportCommand {

    /** The plugin whose events these are: a play imported from Spotify is the same play Last.fm scrobbled. */
    static final String MUSIC_PLUGIN = "openclone-lastfm";
    static final String MUSIC_PLUGIN_VERSION = "0.1.0";

    /** One imported event as an ingest body: the sender joins consecutive ones into full batches. */
    static ObjectNode body(String sourceType, String plugin, String version, long at, String rawRef, ObjectNode data,
            String device, String platform) {
        ObjectNode body = ServerConnection.JSON.createObjectNode();
        body.put("source_type", sourceType);
        body.put("platform", platform);
        body.put("device_id", device);
        body.put("plugin_id", plugin);
        body.put("plugin_version", version);
        body.put("timestamp", System.currentTimeMillis() / 1000d);
        ObjectNode event = body.putArray("events").addObject();
        event.put("timestamp", at);
        event.put("raw_ref", rawRef);
        event.set("data", data);
        return body;
    }

    @Command(name = "spotify", mixinStandardHelpOptions = true,
            description = {"Import Spotify's streaming history (Account privacy → Download your data): the folder",
                "holding Streaming_History_Audio_*.json (extended history) or StreamingHistory*.json.",
                "Plays under 30 s are left out; a play Last.fm also scrobbled is stored once.",
                "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
                "Key: API_KEY, else backend/.env."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:imported (problems in a file are listed, the rest imported)",
                "1:refused or the server could not be reached", "2:bad usage (no such folder, no history file)"})
    static final class Spotify extends ClientCommand {

        @Parameters(paramLabel = "DIR", description = "The folder of Spotify's download (or one of its files).")
        Path folder;

        @Override
        int run(ServerConnection server) throws Exception {
            if (!Files.exists(folder)) {
                System.err.println("openclone: " + folder + " does not exist");
                return 2;
            }
            List<Path> files = Files.isDirectory(folder) ? SpotifyHistory.files(folder) : List.of(folder);
            if (files.isEmpty()) {
                System.err.println("openclone: no Spotify history in " + folder + " (Streaming_History_Audio_*.json "
                        + "or StreamingHistory*.json)");
                return 2;
            }
            IngestCommand.Sender sender = new IngestCommand.Sender(server, new IngestCommand.Progress(0));
            Map<String, Integer> skipped = new TreeMap<>();
            int[] problems = {0};
            long[] plays = {0};
            String device = NoteCommand.device();
            String platform = NoteCommand.platform();
            for (Path file : files) {
                SpotifyHistory.read(file, play -> {
                    plays[0]++;
                    try {
                        sender.add((int) plays[0], body(play, device, platform));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, new SpotifyHistory.Problems() {
                    @Override
                    public void problem(String where, String message) {
                        problems[0]++;
                        System.err.println("openclone: " + where + ": " + message);
                    }

                    @Override
                    public void skipped(String reason) {
                        skipped.merge(reason, 1, Integer::sum);
                    }
                });
            }
            sender.flush();
            StringBuilder line = new StringBuilder().append(plays[0]).append(" plays from ").append(files.size())
                    .append(files.size() == 1 ? " file: " : " files: ").append(sender.stored).append(" stored, ")
                    .append(sender.skipped).append(" already there");
            skipped.forEach((reason, n) -> line.append(", ").append(n).append(" left out (").append(reason)
                    .append(")"));
            if (sender.refused > 0) {
                line.append(", ").append(sender.refused).append(" refused");
            }
            System.out.println(line);
            return sender.refused > 0 ? 1 : 0;
        }

        private static ObjectNode body(SpotifyHistory.Play play, String device, String platform) {
            ObjectNode data = ServerConnection.JSON.createObjectNode();
            data.put("track", play.track());
            if (!play.artist().isEmpty()) {
                data.put("artist", play.artist());
            }
            if (!play.album().isEmpty()) {
                data.put("album", play.album());
            }
            data.put("duration", Math.round(play.playedMs() / 1000.0));
            data.put("source", "spotify");
            return ImportCommand.body("music", MUSIC_PLUGIN, MUSIC_PLUGIN_VERSION, play.startEpochSecond(),
                    RawRefs.play(play.artist(), play.track(), play.startEpochSecond()), data, device, platform);
        }
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = {"Import a health export: Apple Health's export.zip or export.xml (Health app → profile →",
                "Export All Health Data), or a Health Connect export (its zip, or health_connect_export.db).",
                "Read as a stream, in constant memory; stored as hourly and daily sums and averages (steps,",
                "heart rate, HRV, sleep, energy, distance…) and one entry per workout, each at its own time.",
                "Importing again, or a newer export, stores only what is new. Periods still running when the",
                "export was made are left for the next export.",
                "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
                "Key: API_KEY, else backend/.env."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:imported (a fault in the file is one line; what came before it is imported)",
                "1:refused or the server could not be reached", "2:bad usage (no such file, not a health export)"})
    static final class Health extends ClientCommand {

        static final String PLUGIN = "openclone-health";
        static final String VERSION = "0.1.0";

        @Parameters(paramLabel = "FILE", description = "export.zip, export.xml, a Health Connect zip or .db file.")
        Path file;

        @Override
        int run(ServerConnection server) throws Exception {
            if (!Files.isRegularFile(file)) {
                System.err.println("openclone: " + file + " is not a file");
                return 2;
            }
            long began = System.nanoTime();
            HealthExport.Read read;
            try {
                read = HealthExport.read(file, new IngestCommand.Progress(Files.size(file)));
            } catch (HealthExport.NotAnExport e) {
                System.err.println("openclone: " + e.getMessage());
                return 2;
            }
            for (String problem : read.problems()) {
                System.err.println("openclone: " + file.getFileName() + ": " + problem);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            IngestCommand.Sender sender = new IngestCommand.Sender(server, new IngestCommand.Progress(0));
            String device = NoteCommand.device();
            String platform = NoteCommand.platform();
            int n = 0;
            for (HealthAggregates.Period period : read.periods()) {
                ObjectNode data = ServerConnection.JSON.createObjectNode();
                period.metrics().forEach(data::put);
                data.put("period", period.kind());
                data.put("source", read.kind());
                sender.add(++n, ImportCommand.body("health", PLUGIN, VERSION, period.start().toEpochSecond(),
                        period.rawRef(), data, device, platform));
            }
            for (HealthAggregates.Workout workout : read.workouts()) {
                ObjectNode data = ServerConnection.JSON.createObjectNode();
                data.put("exercise_minutes", workout.minutes());
                if (workout.distanceKm() != null) {
                    data.put("distance_km", Math.round(workout.distanceKm() * 100) / 100.0);
                }
                if (workout.energyKcal() != null) {
                    data.put("active_energy", Math.round(workout.energyKcal() * 100) / 100.0);
                }
                data.put("workout", workout.activity());
                data.put("source", read.kind());
                sender.add(++n, ImportCommand.body("health", PLUGIN, VERSION, workout.start().toEpochSecond(),
                        workout.rawRef(), data, device, platform));
            }
            sender.flush();
            System.out.printf("%,d records read in %.1f s (%,d/s): %,d days, %,d hours, %,d workouts: %d stored, "
                    + "%d already there%s%n", read.records(), seconds, Math.round(read.records() / Math.max(seconds,
                    1e-3)), read.periods().stream().filter(p -> p.kind().equals("day")).count(),
                    read.periods().stream().filter(p -> p.kind().equals("hour")).count(), read.workouts().size(),
                    sender.stored, sender.skipped, sender.refused > 0 ? ", " + sender.refused + " refused" : "");
            return sender.refused > 0 ? 1 : 0;
        }

    }
}
