package dev.openclone.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A CalDAV calendar collection on a loopback port: a {@code calendar-query} REPORT with Basic auth answers a
 * {@code 207} multistatus holding each resource's calendar-data, as Nextcloud or Radicale do; a wrong password gets
 * {@code 401}, another method {@code 405}.
 */
public final class CaldavMock implements AutoCloseable {

    public static final String PATH = "/remote.php/dav/calendars/walrus/personal/";

    private final HttpServer server;
    private final String user;
    private final String password;
    private final Map<String, String> resources = new ConcurrentSkipListMap<>();

    private CaldavMock(HttpServer server, String user, String password) {
        this.server = server;
        this.user = user;
        this.password = password;
    }

    public static CaldavMock start(String user, String password) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        CaldavMock mock = new CaldavMock(server, user, password);
        server.createContext(PATH, mock::answer);
        server.start();
        return mock;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Puts (or replaces) a resource, such as {@code standup.ics}. */
    public void put(String name, String ics) {
        resources.put(name, ics);
    }

    public void delete(String name) {
        resources.remove(name);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        exchange.getRequestBody().readAllBytes();
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Test\"");
            send(exchange, 401, "");
            return;
        }
        if (!"REPORT".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "");
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">\n");
        resources.forEach((name, ics) -> xml.append("<d:response><d:href>").append(PATH).append(name)
                .append("</d:href><d:propstat><d:prop><d:getetag>\"").append(Integer.toHexString(ics.hashCode()))
                .append("\"</d:getetag><cal:calendar-data>").append(ics.replace("&", "&amp;").replace("<", "&lt;"))
                .append("</cal:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                        + "</d:response>\n"));
        xml.append("</d:multistatus>\n");
        exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
        send(exchange, 207, xml.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
