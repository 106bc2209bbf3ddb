package dev.openclone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** README and docs/ as a newcomer follows them: every route they list exists, every command they show parses. */
class DocsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern ROUTE_ROW = Pattern.compile("^\\| `(GET|POST) (/[^`?\\s]*)[^`]*` \\|", Pattern.MULTILINE);
    static final Pattern COMMAND = Pattern.compile("(?m)^\\s*(?:\\$ )?\\./openclone ([^#\\n]*)");

    @TempDir
    Path dir;

    @Test
    void everyRouteInTheReadmeTableIsServed() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher row = ROUTE_ROW.matcher(readme);
        List<String> routes = new ArrayList<>();
        try (TestServer server = TestServer.start(dir)) {
            while (row.find()) {
                String method = row.group(1);
                String path = row.group(2);
                routes.add(method + " " + path);
                Http.Response response = method.equals("GET") ? server.http().get(path, TestServer.KEY)
                        : server.http().ingest("{}");
                // A route may answer 404 itself ("recall is off"); an unknown one answers exactly "Not Found".
                assertThat(response.body()).as(method + " " + path).doesNotContain("\"detail\":\"Not Found\"");
                assertThat(response.status()).as(method + " " + path).isNotEqualTo(405);
            }
        }
        assertThat(routes).as("the README lists the API").contains("POST /api/v1/ingest", "GET /api/v1/timeline",
                "GET /api/v1/recall", "GET /api/v1/plugins", "GET /api/v1/health", "GET /api/v1/openapi.yaml",
                "GET /metrics");
    }

    @Test
    void everyCommandInTheReadmeAndDocsParses() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        int commands = 0;
        for (Path page : pages) {
            Matcher command = COMMAND.matcher(Files.readString(page));
            while (command.find()) {
                String line = command.group(1).strip().replaceAll("`.*$", "").strip();
                List<String> args = words(line);
                if (args.isEmpty()) {
                    continue;
                }
                commands++;
                // The launcher runs "agent" in the capture agent's own program: its commands parse there.
                boolean agent = args.get(0).equals("agent");
                CommandLine cli = agent ? dev.openclone.agent.Main.commandLine() : Main.commandLine();
                try {
                    cli.parseArgs((agent ? args.subList(1, args.size()) : args).toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError(page.getFileName() + ": ./openclone " + line + " does not parse: "
                            + e.getMessage(), e);
                }
            }
        }
        assertThat(commands).as("commands found in the docs").isGreaterThan(10);
    }

    /** Shell words: quotes grouped, a trailing pipe or redirect ignored. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|'([^']*)'|([^\\s|<>;&]+)|([|<>;&].*)").matcher(line);
        while (word.find()) {
            if (word.group(4) != null) {
                break;
            }
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }
}
