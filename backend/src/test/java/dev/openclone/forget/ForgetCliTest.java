package dev.openclone.forget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Cli;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone forget} as a person runs it. */
class ForgetCliTest {

    @TempDir
    Path dir;

    @Test
    void listsAsksAndForgets() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.http().ingest(ForgetTest.screens("s", ForgetTest.T, "Signal", "the lighthouse plan"));
            server.http().ingest(ForgetTest.screens("e", ForgetTest.T + 60, "Editor", "the budget"));
            Map<String, String> env = Map.of("OPENCLONE_URL", "http://127.0.0.1:" + server.port(), "API_KEY",
                    TestServer.KEY);

            Cli.Result listed = Cli.run(dir, env, List.of("forget", "--app", "signal", "--dry-run"));
            assertThat(listed.code()).as(listed.stderr()).isZero();
            assertThat(listed.stdout()).contains("1 event would be forgotten:", "screen_ocr", "Signal window",
                    "Screen/2024-02-18.md");

            Cli.Result unasked = Cli.run(dir, env, List.of("forget", "--app", "signal"));
            assertThat(unasked.code()).isEqualTo(2);
            unasked.saysOneLine("no terminal to ask on: add --yes");
            assertThat(Files.readString(server.vault().resolve(ForgetTest.DAY))).contains("lighthouse");

            Cli.Result done = Cli.run(dir, env, List.of("forget", "--app", "signal", "--yes"));
            assertThat(done.code()).as(done.stderr()).isZero();
            assertThat(done.stdout()).contains("Forgot 1 event: 1 entry cut from the vault.");
            assertThat(Files.readString(server.vault().resolve(ForgetTest.DAY))).doesNotContain("lighthouse")
                    .contains("the budget");

            Cli.Result nothing = Cli.run(dir, env, List.of("forget", "--yes"));
            assertThat(nothing.code()).isEqualTo(2);
            nothing.saysOneLine("Say what to forget");
            Cli.Result bad = Cli.run(dir, env, List.of("forget", "--from", "someday", "--yes"));
            assertThat(bad.code()).isEqualTo(2);
            bad.saysOneLine("from: Input should be a date");
        }
    }
}
