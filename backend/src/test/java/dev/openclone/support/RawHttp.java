package dev.openclone.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written byte by byte on a socket, for what a well-behaved client would never send. */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} whole, then reads the answer until the server closes or 10 s pass. */
    public static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /**
     * Sends {@code request} and closes the sending side, so a server waiting for bytes that will never come sees
     * the end at once; then reads the answer, if any.
     */
    public static String exchangeAndHalfClose(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return readAnswer(socket.getInputStream());
        }
    }

    public static String exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads until the server closes the connection or a whole answer with a Content-Length has arrived. */
    public static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        try {
            while ((read = in.read(buffer)) > 0) {
                answer.write(buffer, 0, read);
                if (complete(answer.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // what came is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = answer.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).strip());
        return answer.getBytes(StandardCharsets.UTF_8).length - headEnd - 4 >= length;
    }

    /** The head of an ingest POST with the test key and {@code headers} (each ending in CRLF). */
    public static String ingestHead(String headers) {
        return "POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestServer.KEY
                + "\r\nContent-Type: application/json\r\n" + headers + "\r\n";
    }

    /** The status code of an answer's first line, or 0. */
    public static int status(String answer) {
        return answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : 0;
    }

    /** The body of an answer (after the blank line). */
    public static String body(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        return headEnd < 0 ? "" : answer.substring(headEnd + 4);
    }
}
