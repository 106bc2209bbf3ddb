package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.sdk.Batches;
import dev.openclone.sdk.IngestLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code openclone ingest FILE|-}: every JSON value in the input (one document, several, or NDJSON lines) is an
 * ingest body of any size; it is split into batches the server takes (at most 500 events and 1 MiB, by the SDK's
 * {@link Batches}) and sent.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Send ingest bodies from a file (or - for standard input) to the server.",
            "Each JSON value is a body like POST /api/v1/ingest takes, with any number of events.",
            "Bodies with the same batch header are sent together in batches of at most 500 events and 1 MiB.",
            "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
            "Key: API_KEY, else backend/.env."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event stored or skipped as a duplicate", "1:some batch was refused (the reason is "
                + "printed), or the server could not be reached", "2:bad usage or unreadable input"})
public final class IngestCommand extends ClientCommand {

    @Parameters(paramLabel = "FILE", description = "A file of JSON bodies, or - for standard input.")
    String file;

    @Override
    int run(ServerConnection server) throws Exception {
        Path path = file.equals("-") ? null : Path.of(file);
        if (path != null && Files.isDirectory(path)) {
            System.err.println("openclone: " + file + " is a folder; give a file of JSON bodies, or - for standard "
                    + "input");
            return 2;
        }
        if (path != null && !Files.isRegularFile(path)) {
            System.err.println("openclone: no such file: " + file);
            return 2;
        }
        if (path != null && !Files.isReadable(path)) {
            System.err.println("openclone: cannot read " + file + " (check its permissions)");
            return 2;
        }
        Progress progress = new Progress(path == null ? -1 : Files.size(path));
        server.onWait(wait -> {
            progress.clear();
            System.err.println("openclone: waiting " + wait.toSeconds() + " s for the server's rate limit "
                    + "(OPENCLONE_RATE_LIMIT requests a minute per key)");
        });
        Sender sender = new Sender(server, progress);
        try (CountingStream in = new CountingStream(path == null ? System.in : Files.newInputStream(path));
                MappingIterator<JsonNode> bodies = ServerConnection.JSON.readerFor(JsonNode.class)
                        .readValues(new BufferedInputStream(in))) {
            sender.in = in;
            int number = 0;
            while (bodies.hasNextValue()) {
                JsonNode body = bodies.nextValue();
                number++;
                if (!body.isObject() || !body.path("events").isArray()) {
                    progress.clear();
                    System.err.println("openclone: body " + number + " is not an ingest body (an object with "
                            + "\"events\")");
                    sender.refused++;
                    continue;
                }
                sender.add(number, (ObjectNode) body);
            }
            sender.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            progress.clear();
            System.err.println("openclone: " + file + " is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
            return 2;
        }
        progress.clear();
        System.out.println("stored " + sender.stored + ", skipped " + sender.skipped + ", refused " + sender.refused);
        return sender.refused == 0 ? 0 : 1;
    }

    /**
     * Coalesces consecutive bodies with the same batch header into full batches (at most 500 events and 1 MiB,
     * by the SDK's {@link Batches}), so 70 small bodies are a few requests, not 70 against the rate limit. When a
     * batch made of several bodies is refused, its bodies are sent again one by one, so each refusal names the
     * body it came from and the other bodies are stored.
     */
    static final class Sender {
        private final ServerConnection server;
        private final Progress progress;
        private ObjectNode header;
        private ObjectNode headerKey;
        private final List<Integer> owners = new ArrayList<>();
        private ArrayNode events = ServerConnection.JSON.createArrayNode();
        CountingStream in;
        long stored;
        long skipped;
        long refused;

        Sender(ServerConnection server, Progress progress) {
            this.server = server;
            this.progress = progress;
        }

        void add(int number, ObjectNode body) throws IOException, InterruptedException {
            ObjectNode bodyHeader = body.deepCopy();
            bodyHeader.remove("events");
            // The batch timestamp is the time of sending: bodies that differ only in it belong together.
            ObjectNode sameAs = bodyHeader.deepCopy();
            sameAs.remove("timestamp");
            if (header != null && !headerKey.equals(sameAs)) {
                flush();
            }
            if (header == null) {
                header = bodyHeader;
                headerKey = sameAs;
            }
            for (JsonNode event : body.get("events")) {
                events.add(event);
                owners.add(number);
            }
            if (events.size() >= IngestLimits.MAX_EVENTS) {
                flush();
            }
        }

        void flush() throws IOException, InterruptedException {
            if (header == null) {
                return;
            }
            ObjectNode combined = header.deepCopy();
            combined.set("events", events);
            List<Integer> eventOwners = new ArrayList<>(owners);
            header = null;
            events = ServerConnection.JSON.createArrayNode();
            owners.clear();
            int at = 0;
            for (ObjectNode batch : Batches.split(combined)) {
                int size = batch.path("events").size();
                send(batch, eventOwners.subList(at, at + size));
                at += size;
            }
        }

        private void send(ObjectNode batch, List<Integer> bodyOf) throws IOException, InterruptedException {
            ServerConnection.Answer answer = server.post("/api/v1/ingest",
                    ServerConnection.JSON.writeValueAsBytes(batch));
            int size = batch.path("events").size();
            if (answer.status() == 200) {
                stored += answer.json().path("stored").asLong();
                skipped += answer.json().path("skipped").asLong();
            } else if (answer.status() == 422 && bodyOf.stream().distinct().count() > 1) {
                resendBodyByBody(batch, bodyOf);
            } else {
                refused += size;
                progress.clear();
                int first = bodyOf.get(0);
                int last = bodyOf.get(bodyOf.size() - 1);
                System.err.println("openclone: body " + (first == last ? first : first + "-" + last) + ": " + size
                        + " events refused (" + answer.status() + "): " + answer.detail());
            }
            progress.show(in == null ? 0 : in.count(), stored + skipped + refused);
        }

        private void resendBodyByBody(ObjectNode batch, List<Integer> bodyOf) throws IOException,
                InterruptedException {
            int at = 0;
            while (at < bodyOf.size()) {
                int end = at;
                while (end < bodyOf.size() && bodyOf.get(end).equals(bodyOf.get(at))) {
                    end++;
                }
                ObjectNode one = batch.deepCopy();
                ArrayNode part = one.putArray("events");
                for (int i = at; i < end; i++) {
                    part.add(batch.path("events").get(i));
                }
                send(one, bodyOf.subList(at, end));
                at = end;
            }
        }
    }

    /** A progress bar on stderr for inputs over 1 MiB, when stderr is a terminal. */
    static final class Progress implements dev.openclone.health.HealthExport.Progress {
        private final long total;
        private final boolean shown;

        Progress(long total) {
            this.total = total;
            this.shown = total > 1_048_576 && System.console() != null;
        }

        @Override
        public void show(long bytesRead, long events) {
            if (!shown) {
                return;
            }
            int percent = (int) Math.min(100, bytesRead * 100 / total);
            System.err.printf("\r[%-40s] %3d%%  %,d events", "#".repeat(percent * 40 / 100), percent, events);
        }

        @Override
        public void clear() {
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
