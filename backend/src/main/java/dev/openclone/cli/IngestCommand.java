package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.sdk.Batches;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code openclone ingest FILE|-}: every JSON value in the input (one document, several, or NDJSON lines) is an
 * ingest body of any size; it is split into batches the server takes (at most 500 events and 1 MiB, by the SDK's
 * {@link Batches}) and sent.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Send ingest bodies from a file (or - for standard input) to the server.",
            "Each JSON value is a body like POST /api/v1/ingest takes, with any number of events; it is split",
            "into batches of at most 500 events and 1 MiB. Server: OPENCLONE_URL; key: API_KEY or backend/.env."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event stored or skipped as a duplicate", "1:some batch was refused (the reason is "
                + "printed), or the server could not be reached", "2:bad usage or unreadable input"})
public final class IngestCommand extends ClientCommand {

    @Parameters(paramLabel = "FILE", description = "A file of JSON bodies, or - for standard input.")
    String file;

    @Override
    int run(ServerConnection server) throws Exception {
        long total = file.equals("-") ? -1 : Files.size(Path.of(file));
        Progress progress = new Progress(total);
        long stored = 0;
        long skipped = 0;
        long refused = 0;
        try (CountingStream in = new CountingStream(file.equals("-") ? System.in
                : Files.newInputStream(Path.of(file)));
                MappingIterator<JsonNode> bodies = ServerConnection.JSON.readerFor(JsonNode.class)
                        .readValues(new BufferedInputStream(in))) {
            int number = 0;
            while (bodies.hasNextValue()) {
                JsonNode body = bodies.nextValue();
                number++;
                if (!body.isObject() || !body.path("events").isArray()) {
                    System.err.println("openclone: body " + number + " is not an ingest body (an object with "
                            + "\"events\")");
                    refused++;
                    continue;
                }
                for (ObjectNode batch : Batches.split((ObjectNode) body)) {
                    ServerConnection.Answer answer = server.post("/api/v1/ingest",
                            ServerConnection.JSON.writeValueAsBytes(batch));
                    if (answer.status() == 200) {
                        stored += answer.json().path("stored").asLong();
                        skipped += answer.json().path("skipped").asLong();
                    } else {
                        refused += batch.path("events").size();
                        progress.clear();
                        System.err.println("openclone: body " + number + ": " + batch.path("events").size()
                                + " events refused (" + answer.status() + "): " + answer.detail());
                    }
                    progress.show(in.count(), stored + skipped + refused);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            progress.clear();
            System.err.println("openclone: " + file + " is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
            return 2;
        } catch (IOException e) {
            progress.clear();
            System.err.println("openclone: " + e.getMessage());
            return 1;
        }
        progress.clear();
        System.out.println("stored " + stored + ", skipped " + skipped + ", refused " + refused);
        return refused == 0 ? 0 : 1;
    }

    /** A progress bar on stderr for inputs over 1 MiB, when stderr is a terminal. */
    static final class Progress {
        private final long total;
        private final boolean shown;

        Progress(long total) {
            this.total = total;
            this.shown = total > 1_048_576 && System.console() != null;
        }

        void show(long bytesRead, long events) {
            if (!shown) {
                return;
            }
            int percent = (int) Math.min(100, bytesRead * 100 / total);
            System.err.printf("\r[%-40s] %3d%%  %,d events", "#".repeat(percent * 40 / 100), percent, events);
        }

        void clear() {
            if (shown) {
                System.err.print("\r" + " ".repeat(70) + "\r");
            }
        }
    }

    /** Counts the bytes read, for the progress bar. */
    static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(0, n);
            return n;
        }
    }

}
