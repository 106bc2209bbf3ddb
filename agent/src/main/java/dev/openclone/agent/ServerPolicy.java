package dev.openclone.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's exclusions, read from the server ({@code GET /api/v1/policy}) and kept in the state folder, so that
 * an agent started while the server is away still leaves out what it must. Until they are known (never fetched,
 * nothing cached) the agent captures nothing.
 */
final class ServerPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI server;
    private final String key;
    private final Path cache;

    ServerPolicy(URI server, String key, Path cache) {
        this.server = server;
        this.key = key;
        this.cache = cache;
    }

    /** What asking the server gave: the exclusions, or why there are none. */
    record Answer(Optional<CaptureExclusions> exclusions, boolean keyRefused, String note) {
    }

    Answer fetch() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.resolve("/api/v1/policy"))
                    .header("X-API-Key", key).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                return new Answer(Optional.empty(), true, "the server refused the key (" + answer.statusCode()
                        + "): check api_key_file in the agent's config");
            }
            if (answer.statusCode() != 200) {
                return cached("the server answered " + answer.statusCode());
            }
            Optional<CaptureExclusions> exclusions = parse(answer.body());
            if (exclusions.isEmpty()) {
                return cached("the server's policy could not be read");
            }
            StateFiles.writeOwnerOnly(cache, answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Answer(exclusions, false, "from the server");
        } catch (IOException e) {
            return cached("the server is not reachable at " + server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cached("interrupted");
        }
    }

    private Answer cached(String why) {
        try {
            if (Files.exists(cache)) {
                Optional<CaptureExclusions> kept = parse(Files.readString(cache));
                if (kept.isPresent()) {
                    return new Answer(kept, false, "kept from the last contact (" + why + ")");
                }
            }
        } catch (IOException e) {
            // no usable copy: said below
        }
        return new Answer(Optional.empty(), false, why + "; nothing is captured until the tenant's exclusions are known");
    }

    static Optional<CaptureExclusions> parse(String body) {
        try {
            JsonNode policy = JSON.readTree(body);
            JsonNode exclusions = policy.path("exclusions");
            if (!exclusions.isObject()) {
                return Optional.empty();
            }
            List<String> errors = new ArrayList<>();
            CaptureExclusions parsed = new CaptureExclusions(AgentConfig.patterns(exclusions, "apps", errors),
                    AgentConfig.patterns(exclusions, "window_titles", errors),
                    AgentConfig.patterns(exclusions, "domains", errors), AgentConfig.patterns(exclusions, "urls",
                            errors));
            return errors.isEmpty() ? Optional.of(parsed) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
