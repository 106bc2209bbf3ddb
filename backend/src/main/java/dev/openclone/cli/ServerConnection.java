package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.config.DotEnv;
import dev.openclone.files.OwnerOnly;
import dev.openclone.sdk.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * How the client commands reach a server: {@code OPENCLONE_URL} (default {@code http://127.0.0.1:8000}) and the
 * key from {@code API_KEY} in the environment, else in {@code backend/.env}. Requests that meet a rate limit, a
 * server error or no server are retried a few times by the SDK's {@link Backoff} policy; other answers are returned
 * as they are.
 */
final class ServerConnection {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;
    /** The SDK's policy, with short waits: a person is waiting at the terminal (about 3 s in all, at most 7 s). */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofSeconds(2), RandomGenerator.getDefault());

    private final String base;
    private final String key;
    private Consumer<Duration> onWait = wait -> { };

    /** An answer: its status and JSON body (null when it was not JSON). */
    record Answer(int status, JsonNode json, String body) {
        /** The server's reason, readable: a 422's field errors as "field: message; …". */
        String detail() {
            if (json == null || !json.has("detail")) {
                return body;
            }
            JsonNode detail = json.get("detail");
            if (!detail.isArray()) {
                return detail.asText();
            }
            List<String> errors = new ArrayList<>();
            for (JsonNode error : detail) {
                List<String> loc = new ArrayList<>();
                error.path("loc").forEach(part -> loc.add(part.asText()));
                if (!loc.isEmpty() && (loc.get(0).equals("body") || loc.get(0).equals("query"))) {
                    loc.remove(0);
                }
                errors.add((loc.isEmpty() ? "" : String.join(".", loc) + ": ") + error.path("msg").asText());
            }
            return String.join("; ", errors);
        }
    }

    private ServerConnection(String base, String key) {
        this.base = base.replaceAll("/+$", "");
        this.key = key;
    }

    static ServerConnection fromEnvironment() throws IOException {
        Map<String, String> env = System.getenv();
        String url = env.get("OPENCLONE_URL");
        if (url == null || url.isBlank()) {
            url = ServerAddress.find().orElse("http://127.0.0.1:8000");
        }
        String key = env.get("API_KEY");
        if (key == null || key.isBlank()) {
            key = DotEnv.read(ServeCommand.root().resolve(Path.of("backend", ".env"))).get("API_KEY");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("no API key: set API_KEY (or run ./openclone serve once to create "
                    + "backend/.env)");
        }
        return new ServerConnection(url, key);
    }

    /** Told before each wait for a rate limit (a {@code 429}), so a command can say why it pauses. */
    void onWait(Consumer<Duration> listener) {
        this.onWait = listener;
    }

    String base() {
        return base;
    }

    Answer post(String path, byte[] body) throws IOException, InterruptedException {
        return post(path, body, Map.of());
    }

    /** A POST with {@code headers} besides the key and the content type. */
    Answer post(String path, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        return send("POST", path, body, headers, Duration.ofSeconds(60));
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of(), Duration.ofSeconds(30));
    }

    /**
     * Saves what a GET answers into {@code target} (created owner-only; it must not exist) when it is a 200;
     * otherwise returns the answer and writes nothing.
     */
    Answer download(String path, Path target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        try {
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(600_000);
            connection.setRequestProperty("X-API-Key", key);
            int status;
            try {
                status = connection.getResponseCode();
            } catch (ConnectException e) {
                throw new IOException("cannot reach OpenClone at " + base + ": is the server running "
                        + "(./openclone serve)? Elsewhere, set OPENCLONE_URL.", e);
            }
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                String text = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                JsonNode json;
                try {
                    json = JSON.readTree(text);
                } catch (IOException notJson) {
                    json = null;
                }
                return new Answer(status, json, text);
            }
            OwnerOnly.create(target);
            try (InputStream in = connection.getInputStream();
                    OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return new Answer(200, null, "");
        } finally {
            connection.disconnect();
        }
    }

    /** What came back: the status, the Retry-After header and the body. */
    private record Exchange(int status, Optional<String> retryAfter, String body) {
    }

    /**
     * One request with {@link HttpURLConnection}: for plain http it needs no TLS set-up, which java.net.http's
     * client does at its first use whatever the URL (a third of a client command's start-up).
     */
    private Exchange exchange(String method, String path, byte[] body, Map<String, String> headers,
            Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("X-API-Key", key);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                // Not in streaming mode: then a 401's body ("Invalid or missing X-API-Key") can be read.
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Exchange(status, Optional.ofNullable(connection.getHeaderField("Retry-After")), text);
        } finally {
            connection.disconnect();
        }
    }

    private Answer send(String method, String path, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        IOException lastError = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Exchange response = exchange(method, path, body, headers, timeout);
                int status = response.status();
                if ((status == 429 || status >= 500) && attempt < ATTEMPTS - 1) {
                    Duration wait = BACKOFF.delay(attempt, Backoff.retryAfter(response.retryAfter()));
                    if (status == 429 && wait.toSeconds() >= 1) {
                        onWait.accept(wait);
                    }
                    Thread.sleep(wait.toMillis());
                    continue;
                }
                JsonNode json;
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = null;
                }
                return new Answer(status, json, response.body());
            } catch (IOException e) {
                lastError = e;
                // Nothing listens there: two quick retries cover a server that is just starting; more would only
                // keep a person waiting for the same answer.
                if (e instanceof ConnectException && attempt >= 2) {
                    break;
                }
                if (attempt < ATTEMPTS - 1) {
                    Thread.sleep(BACKOFF.delay(attempt).toMillis());
                }
            }
        }
        throw new IOException("cannot reach OpenClone at " + base + ": is the server running (./openclone serve)? "
                + "Elsewhere, set OPENCLONE_URL.", lastError);
    }

}
