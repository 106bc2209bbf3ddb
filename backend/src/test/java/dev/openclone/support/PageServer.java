package dev.openclone.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback web server for browser tests: {@code /NAME/…} answers the test resource
 * {@code browser-pages/NAME.html} whatever host the browser asked for (the browser maps test host names to
 * 127.0.0.1), so one server plays every site. Anything else is 404.
 */
public final class PageServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private PageServer(HttpServer server) {
        this.server = server;
    }

    public static PageServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        PageServer pages = new PageServer(server);
        server.setExecutor(pages.threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String name = path.replaceFirst("^/", "").replaceFirst("/.*$", "");
            byte[] body = null;
            if (name.matches("[a-z-]+")) {
                try (InputStream in = PageServer.class.getResourceAsStream("/browser-pages/" + name + ".html")) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (body == null) {
                body = "not found".getBytes();
                exchange.sendResponseHeaders(404, body.length);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return pages;
    }

    /** {@code http://HOST:PORT/PATH} on this server, for a host the browser resolves to loopback. */
    public String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
