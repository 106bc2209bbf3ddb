package dev.openclone.calendar;

import dev.openclone.agent.CaptureException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Where calendars come from: an {@code .ics} file, an http(s) address serving one (Google Calendar's "secret
 * address in iCal format", Outlook's published calendars, Nextcloud's export links), or a CalDAV calendar
 * collection asked with a {@code calendar-query} REPORT for the window (RFC 4791).
 */
final class Sources {

    /** A calendar's text and a name for it. */
    record Fetched(String name, String ics) {
    }

    private static final DateTimeFormatter CALDAV_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A file path or an http(s) address. */
    Fetched fetch(String source) throws CaptureException {
        if (source.startsWith("http://") || source.startsWith("https://") || source.startsWith("webcal://")) {
            String url = source.startsWith("webcal://") ? "https://" + source.substring(9) : source;
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).GET(), hostOf(url));
            if (answer.statusCode() != 200) {
                throw new CaptureException("calendar at " + hostOf(url) + " answered " + answer.statusCode());
            }
            return new Fetched(hostOf(url), answer.body());
        }
        Path file = Path.of(source.startsWith("~/") ? System.getProperty("user.home") + source.substring(1) : source);
        try {
            return new Fetched(file.getFileName().toString().replaceFirst("\\.ics$", ""),
                    Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CaptureException("cannot read calendar file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The events of a CalDAV collection in [from, to), each resource's calendar-data a text of its own. */
    List<Fetched> caldav(String url, String user, String password, ZonedDateTime from, ZonedDateTime to)
            throws CaptureException {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><D:getetag/><C:calendar-data/></D:prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="%s" end="%s"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>
                """.formatted(CALDAV_TIME.format(from.withZoneSameInstant(ZoneOffset.UTC)),
                CALDAV_TIME.format(to.withZoneSameInstant(ZoneOffset.UTC)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method("REPORT", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Depth", "1").header("Content-Type", "application/xml; charset=utf-8");
        if (!user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = send(request, hostOf(url));
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new CaptureException("the CalDAV server at " + hostOf(url) + " refused the user or password ("
                    + answer.statusCode() + "): check caldav_user and caldav_password_file");
        }
        if (answer.statusCode() != 207) {
            throw new CaptureException("the CalDAV server at " + hostOf(url) + " answered " + answer.statusCode()
                    + " to a calendar-query (is caldav_url a calendar collection?)");
        }
        List<Fetched> out = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(answer.body())));
            NodeList data = doc.getElementsByTagNameNS("urn:ietf:params:xml:ns:caldav", "calendar-data");
            for (int i = 0; i < data.getLength(); i++) {
                out.add(new Fetched(hostOf(url), data.item(i).getTextContent()));
            }
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new CaptureException("the CalDAV server at " + hostOf(url) + " answered something that is not a "
                    + "multistatus document: " + e.getMessage(), e);
        }
        return out;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String host) throws CaptureException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).header("User-Agent", "OpenClone/0.1").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CaptureException("cannot reach the calendar at " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted", e);
        }
    }

    /** The host alone: a secret calendar address (Google's holds a private token) is never logged whole. */
    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "(an address)" : host;
        } catch (IllegalArgumentException e) {
            return "(an address)";
        }
    }
}
