package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.config.DotEnv;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client commands reach a server: {@code OPENCLONE_URL} (default {@code http://127.0.0.1:8000}) and the
 * key from {@code API_KEY} in the environment, else in {@code backend/.env}. Requests that meet a rate limit, a
 * server error or no server are retried a few times with backoff; other answers are returned as they are.
 */
final class ServerConnection {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: its status and JSON body (null when it was not JSON). */
    record Answer(int status, JsonNode json, String body) {
        String detail() {
            return json != null && json.has("detail") ? json.get("detail").toString() : body;
        }
    }

    private ServerConnection(String base, String key) {
        this.base = base.replaceAll("/+$", "");
        this.key = key;
    }

    static ServerConnection fromEnvironment() throws IOException {
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("OPENCLONE_URL", "http://127.0.0.1:8000");
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

    String base() {
        return base;
    }

    Answer post(String path, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key).GET().build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        IOException lastError = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
                    Thread.sleep(Math.max(retryAfter * 1000, backoff(attempt)));
                    if (attempt < ATTEMPTS - 1) {
                        continue;
                    }
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
                Thread.sleep(backoff(attempt));
            }
        }
        throw new IOException("cannot reach OpenClone at " + base + " (set OPENCLONE_URL?): " + lastError, lastError);
    }

    private static long backoff(int attempt) {
        return 200 + ThreadLocalRandom.current().nextLong(250L << attempt);
    }
}
