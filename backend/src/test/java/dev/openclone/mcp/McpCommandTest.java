package dev.openclone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.support.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openclone mcp} on its own: what a client sees when the server is not there, and without a key. */
class McpCommandTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableServerIsAJsonRpcErrorPerRequestOnACleanStdout() throws Exception {
        ProcessBuilder builder = Cli.builder(dir, List.of("mcp"));
        builder.environment().put("OPENCLONE_URL", "http://127.0.0.1:9");
        builder.environment().put("API_KEY", "some-key");
        Process process = builder.start();
        String messages = "not json\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"a1\",\"method\":\"tools/list\"}\n";
        process.getOutputStream().write(messages.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode parseError = json.readTree(lines.get(0));
        assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
        JsonNode unreachable = json.readTree(lines.get(1));
        assertThat(unreachable.get("id").asText()).isEqualTo("a1");
        assertThat(unreachable.at("/error/message").asText()).contains("cannot reach OpenClone at "
                + "http://127.0.0.1:9", "./openclone serve");
        assertThat(err).contains("openclone mcp: cannot reach OpenClone").doesNotContain("Exception");
    }

    @Test
    void withoutAKeyItSaysSoAndExits2() throws Exception {
        Cli.Result result = Cli.run(dir, Map.of("OPENCLONE_URL", "http://127.0.0.1:9"), List.of("mcp"));
        assertThat(result.code()).isEqualTo(2);
        result.saysOneLine("no API key");
        assertThat(result.stdout()).isEmpty();
    }
}
