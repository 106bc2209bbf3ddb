package dev.openclone.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Last.fm's {@code user.getRecentTracks} on a loopback port, as the real service answers it: newest first, pages of
 * {@code limit}, {@code from}/{@code to} inclusive, a "now playing" item without a date on top of page 1, a page of
 * one track as an object rather than an array, and {@code {"error": 10}} for a wrong API key.
 */
public final class LastFmMock implements AutoCloseable {

    /** A scrobble. */
    public record Scrobble(long uts, String artist, String track, String album) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String key;
    private final List<Scrobble> scrobbles = new CopyOnWriteArrayList<>();
    private volatile Scrobble nowPlaying;
    private final AtomicInteger requests = new AtomicInteger();

    private LastFmMock(HttpServer server, String key) {
        this.server = server;
        this.key = key;
    }

    public static LastFmMock start(String key) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        LastFmMock mock = new LastFmMock(server, key);
        server.createContext("/2.0/", mock::answer);
        server.start();
        return mock;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/2.0/";
    }

    public void scrobble(Scrobble scrobble) {
        scrobbles.add(scrobble);
    }

    public void nowPlaying(Scrobble playing) {
        nowPlaying = playing;
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Map<String, String> q = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!key.equals(q.get("api_key"))) {
            send(exchange, 403, JSON.createObjectNode().put("error", 10)
                    .put("message", "Invalid API key - You must be granted a valid key by last.fm"));
            return;
        }
        if (!"user.getrecenttracks".equals(q.get("method")) || !"json".equals(q.get("format"))) {
            send(exchange, 400, JSON.createObjectNode().put("error", 3).put("message", "Invalid Method"));
            return;
        }
        long from = Long.parseLong(q.getOrDefault("from", "0"));
        long to = Long.parseLong(q.getOrDefault("to", String.valueOf(Long.MAX_VALUE)));
        int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        List<Scrobble> matching = new ArrayList<>(scrobbles.stream().filter(s -> s.uts() >= from && s.uts() <= to)
                .sorted(Comparator.comparingLong(Scrobble::uts).reversed()).toList());
        int totalPages = Math.max(1, (matching.size() + limit - 1) / limit);
        List<ObjectNode> items = new ArrayList<>();
        if (page == 1 && nowPlaying != null) {
            ObjectNode item = track(nowPlaying);
            item.putObject("@attr").put("nowplaying", "true");
            items.add(item);
        }
        for (int i = (page - 1) * limit; i < Math.min(matching.size(), page * limit); i++) {
            ObjectNode item = track(matching.get(i));
            item.putObject("date").put("uts", String.valueOf(matching.get(i).uts())).put("#text", "a date");
            items.add(item);
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode recent = answer.putObject("recenttracks");
        if (items.size() == 1) {
            recent.set("track", items.get(0));
        } else {
            ArrayNode array = recent.putArray("track");
            items.forEach(array::add);
        }
        recent.putObject("@attr").put("user", q.get("user")).put("page", String.valueOf(page))
                .put("perPage", String.valueOf(limit)).put("totalPages", String.valueOf(totalPages))
                .put("total", String.valueOf(matching.size()));
        send(exchange, 200, answer);
    }

    private static ObjectNode track(Scrobble s) {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("artist").put("mbid", "").put("#text", s.artist());
        item.put("name", s.track());
        item.putObject("album").put("mbid", "").put("#text", s.album());
        item.put("url", "https://www.last.fm/music/x");
        return item;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
