package dev.openclone.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One request to {@code POST /api/v1/ingest} and what its answer means for the sender: stored, refused for good
 * (a {@code 4xx} other than {@code 429}: retrying cannot help) or to retry (a rate limit, a server error, no
 * server), with the wait the server asked for.
 */
final class IngestCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI ingest;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What an attempt came to. */
    sealed interface Answer {
    }

    /** {@code 200}: the server's counts. */
    record Stored(int stored, int skipped) implements Answer {
    }

    /** Refused for good: the status and the server's answer. */
    record Refused(int status, String detail) implements Answer {
    }

    /**
     * Worth retrying: the status ({@code 0} when the server could not be reached) and its {@code Retry-After}
     * header, when it sent one.
     */
    record Retry(int status, java.util.Optional<String> retryAfter) implements Answer {
    }

    IngestCall(String baseUrl, String apiKey) {
        this.ingest = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/ingest");
        this.apiKey = apiKey;
    }

    Answer post(byte[] body) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException network) {
            return new Retry(0, java.util.Optional.empty());
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                JsonNode answer = JSON.readTree(response.body());
                return new Stored(answer.path("stored").asInt(), answer.path("skipped").asInt());
            } catch (IOException notJson) {
                return new Retry(status, java.util.Optional.empty());
            }
        }
        if (status == 429 || status >= 500) {
            return new Retry(status, response.headers().firstValue("Retry-After"));
        }
        return new Refused(status, response.body());
    }
}
