package dev.openclone.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.vault.VaultFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recall NDJSON files and the universal_recall text, to the byte. */
class RecallFileTest {

    private static final String KEY = "agent:home:discord:channel:123456789012345678";

    @TempDir
    Path dir;

    private static RecallEntry turn(String key, int n) {
        return new RecallEntry(key, "2026-06-01T10:0" + n + ":00.000Z", "sess-1", KEY, null, "q" + n, "a" + n);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            agent:home:discord:channel:123456789012345678 | agent-home-discord-channel-123456789012345678-c43bb9997a97.ndjson
            :::                                           | session-f1ae2a75ed1f.ndjson
            Agent:Ö:Main                                  | agent-main-26411c795343.ndjson
            """)
    void fileNamesAreASlugAndTwelveHexOfSha256(String key, String name) {
        assertThat(RecallFile.fileName(key)).isEqualTo(name);
    }

    @Test
    void longSlugsAreCutAt180WithoutATrailingDash() {
        String key = "a".repeat(179) + ":" + "b".repeat(50);
        assertThat(RecallFile.fileName(key)).startsWith("a".repeat(179) + "-").hasSize(179 + 1 + 12 + 7);
    }

    @Test
    void linesHaveTheSeedKeyOrderAndJavaScriptEscaping() {
        RecallEntry entry = new RecallEntry("k1", "2026-06-01T10:05:00.000Z", null, KEY, "operator",
                "say \"hi\"\n\t\u0001\u001f/é", "ok");
        assertThat(entry.toLine()).isEqualTo("{\"advancementKey\":\"k1\",\"timestamp\":\"2026-06-01T10:05:00.000Z\","
                + "\"sessionKey\":\"" + KEY + "\",\"senderUsername\":\"operator\",\"userText\":\"say \\\"hi\\\"\\n\\t"
                + "\\u0001\\u001f/é\",\"assistantText\":\"ok\"}");
    }

    @Test
    void pruningKeepsTheNewestTurnsThenDropsOldestUntilTheBytesFitButNeverTheLast() throws Exception {
        VaultFiles vault = new VaultFiles(dir);
        for (int n = 1; n <= 5; n++) {
            RecallFile.append(vault, "recall/f.ndjson", "k" + n, List.of(turn("k" + n, n)), 3, 0);
        }
        List<RecallEntry> kept = RecallFile.read(vault, "recall/f.ndjson").entries();
        assertThat(kept).extracting(RecallEntry::userText).containsExactly("q3", "q4", "q5");

        long oneLine = turn("k1", 1).toLine().getBytes(StandardCharsets.UTF_8).length + 1;
        RecallFile.append(vault, "recall/f.ndjson", "k6", List.of(turn("k6", 6)), 3, 2 * oneLine);
        assertThat(RecallFile.read(vault, "recall/f.ndjson").entries()).extracting(RecallEntry::userText)
                .containsExactly("q5", "q6");
        RecallFile.append(vault, "recall/f.ndjson", "k7", List.of(new RecallEntry("k7", "t", null, KEY, null,
                "x".repeat(500), "y")), 3, 10);
        assertThat(Files.readString(dir.resolve("recall/f.ndjson"))).isEqualTo(
                "{\"advancementKey\":\"k7\",\"timestamp\":\"t\",\"sessionKey\":\"" + KEY + "\",\"userText\":\""
                        + "x".repeat(500) + "\",\"assistantText\":\"y\"}\n");
    }

    @Test
    void aTurnAlreadyThereIsNotAddedTwice() throws Exception {
        VaultFiles vault = new VaultFiles(dir);
        RecallFile.append(vault, "r/f.ndjson", "k1", List.of(turn("k1", 1), turn("k1", 2)), 10, 0);
        byte[] before = Files.readAllBytes(dir.resolve("r/f.ndjson"));
        RecallFile.append(vault, "r/f.ndjson", "k1", List.of(turn("k1", 1), turn("k1", 2)), 10, 0);
        assertThat(Files.readAllBytes(dir.resolve("r/f.ndjson"))).isEqualTo(before);
        assertThat(RecallFile.read(vault, "r/f.ndjson").entries()).hasSize(2);
    }

    @Test
    void malformedLinesAreCountedAndSalvagedAwayOnTheNextRewrite() throws Exception {
        Files.createDirectories(dir.resolve("r"));
        Files.writeString(dir.resolve("r/f.ndjson"), turn("k1", 1).toLine() + "\r\n"
                + "{not json\n"
                + "\n   \n"
                + "[1,2]\n"
                + "{\"timestamp\":\"t\",\"sessionKey\":\"s\",\"userText\":\"\",\"assistantText\":\"a\"}\n"
                + "{\"timestamp\":\"t\",\"sessionKey\":\"s\",\"userText\":\"u\",\"assistantText\":\"a\"} trailing\n"
                + "{\"timestamp\":\"t\",\"sessionKey\":\"s\",\"userText\":\"u\",\"assistantText\":\"a\",\"extra\":1,"
                + "\"sessionId\":\"\"}\n");
        VaultFiles vault = new VaultFiles(dir);
        RecallFile.Contents contents = RecallFile.read(vault, "r/f.ndjson");
        assertThat(contents.malformed()).isEqualTo(4);
        assertThat(contents.entries()).hasSize(2);

        int malformed = RecallFile.append(vault, "r/f.ndjson", "k2", List.of(turn("k2", 2)), 10, 0);
        assertThat(malformed).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("r/f.ndjson"))).isEqualTo(turn("k1", 1).toLine() + "\n"
                + "{\"timestamp\":\"t\",\"sessionKey\":\"s\",\"userText\":\"u\",\"assistantText\":\"a\"}\n"
                + turn("k2", 2).toLine() + "\n");
        try (var files = Files.list(dir.resolve("r"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.ndjson");
        }
    }

    @Test
    void recallTextMatchesTheSeedTool() {
        RecallEntry first = new RecallEntry("k1", "2026-06-01T10:05:00.000Z", "s", KEY, "operator", "q1", "a1");
        RecallEntry second = new RecallEntry("k2", "2026-06-01T10:06:00.000Z", "s", KEY, null, "q2", "a2");
        assertThat(RecallView.render(List.of(first, second), 0, 0)).isEqualTo("""
                Timestamp: 2026-06-01T10:05:00.000Z
                Sender: operator

                User:
                q1

                Assistant:
                a1

                ---

                Timestamp: 2026-06-01T10:06:00.000Z

                User:
                q2

                Assistant:
                a2""");
        assertThat(RecallView.render(List.of(second), 1, 0)).endsWith("a2\n\nIgnored 1 malformed recall line.");
        assertThat(RecallView.render(List.of(second), 2, 0)).endsWith("a2\n\nIgnored 2 malformed recall lines.");
        assertThat(RecallView.render(List.of(), 0, 0)).isEqualTo("No recalled turns found for this sessionKey.");
        assertThat(RecallView.render(List.of(), 3, 0))
                .isEqualTo("No valid recalled turns found. Ignored 3 malformed recall lines.");
    }

    @Test
    void recallTextIsTruncatedToMaxBytesWithTheNoticeAndWholeCharacters() {
        RecallEntry entry = new RecallEntry("k", "T", null, KEY, null, "é".repeat(100), "a");
        String full = RecallView.render(List.of(entry), 0, 0);
        assertThat(RecallView.render(List.of(entry), 0, full.getBytes(StandardCharsets.UTF_8).length))
                .isEqualTo(full);
        String notice = "\n\n[universal_recall output truncated by recallMaxBytes]";
        // "Timestamp: T\n\nUser:\n" is 20 bytes; a budget of 21 cannot hold half of the 2-byte é.
        String cut = RecallView.render(List.of(entry), 0, 21 + notice.length());
        assertThat(cut).isEqualTo("Timestamp: T\n\nUser:\n" + notice);
        assertThat(RecallView.render(List.of(entry), 0, 22 + notice.length()))
                .isEqualTo("Timestamp: T\n\nUser:\né" + notice);
        assertThat(RecallView.render(List.of(entry), 0, 5)).isEqualTo(notice);
    }

    @Test
    void maxTurnsParameter() {
        assertThat(RecallService.maxTurns(null)).contains(0);
        assertThat(RecallService.maxTurns("0")).contains(0);
        assertThat(RecallService.maxTurns("007")).contains(7);
        assertThat(RecallService.maxTurns("99999999999999999999")).contains(Integer.MAX_VALUE);
        for (String bad : List.of("", "-1", "1.5", "abc", " 1", "1e2")) {
            assertThat(RecallService.maxTurns(bad)).as(bad).isEmpty();
        }
    }
}
