package dev.openclone.lastfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.agent.CaptureException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Last.fm's web service, the one method used: {@code user.getRecentTracks}, 200 scrobbles a page. */
final class LastFmApi {

    static final int PAGE_SIZE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;
    private final String user;

    LastFmApi(String base, String key, String user) {
        this.base = base;
        this.key = key;
        this.user = user;
    }

    /** A page of scrobbles, newest first, with {@code from}/{@code to} (epoch seconds) when above 0. */
    RecentTracks recent(int page, long from, long to) throws CaptureException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", "user.getrecenttracks");
        params.put("format", "json");
        params.put("limit", String.valueOf(PAGE_SIZE));
        params.put("page", String.valueOf(page));
        params.put("user", user);
        params.put("api_key", key);
        if (from > 0) {
            params.put("from", String.valueOf(from));
        }
        if (to > 0) {
            params.put("to", String.valueOf(to));
        }
        StringBuilder url = new StringBuilder(base);
        params.forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(encode(value)));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "OpenClone/0.1 (openclone-lastfm)").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CaptureException("cannot reach Last.fm at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted", e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CaptureException("Last.fm answered " + response.statusCode() + " with something that is not "
                    + "JSON");
        }
        if (answer.has("error")) {
            int code = answer.path("error").asInt();
            String message = answer.path("message").asText();
            throw new CaptureException(switch (code) {
                case 10, 26 -> "Last.fm refused the API key (error " + code + ": " + message
                        + "): check \"lastfm_api_key\"";
                case 6 -> "Last.fm does not know the user (error 6: " + message + "): check \"lastfm_user\"";
                case 17 -> "Last.fm keeps this user's listening history private (error 17)";
                case 29 -> "Last.fm rate limit reached (error 29): tried again at the next look";
                default -> "Last.fm error " + code + ": " + message;
            });
        }
        if (response.statusCode() != 200) {
            throw new CaptureException("Last.fm answered " + response.statusCode());
        }
        try {
            return RecentTracks.parse(answer);
        } catch (IllegalArgumentException e) {
            throw new CaptureException("unexpected answer from Last.fm: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
