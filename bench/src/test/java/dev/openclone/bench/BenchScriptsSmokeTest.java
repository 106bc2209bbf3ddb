package dev.openclone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark scripts run for about a second and print their result: not a measurement (benchmarks are not run
 * by the test suite), a check that anyone can run them. The scripts get this build's class path, so they do not
 * start a second Maven build.
 */
class BenchScriptsSmokeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void ingestScriptPrintsTheJsonLineLast() throws Exception {
        List<String> lines = run("bench/ingest.sh", "--seconds", "1", "--connections", "2", "--batch", "50",
                "--dir", tmp.toString());
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("events_per_s", "p50_ms", "p99_ms", "rss_mb", "raw_events_per_s",
                "floor_events_per_s", "ratio_to_floor")) {
            assertThat(result.has(key)).as(key).isTrue();
        }
        assertThat(result.get("events_per_s").asDouble()).isPositive();
        assertThat(result.get("failures").asInt()).isZero();
        assertThat(result.get("rss_mb").asDouble()).isPositive();
    }

    @Test
    void growthScriptRunsOneSize() throws Exception {
        List<String> lines = run("bench/growth.sh", "--sizes", "0", "--seconds", "1", "--connections", "2",
                "--batch", "50");
        assertThat(String.join("\n", lines)).contains("== 0 events stored beforehand", "\"events_per_s\"");
    }

    @Test
    void jmhScriptRunsABenchmark() throws Exception {
        List<String> lines = run("bench/jmh.sh", "RequestPathBench.render", "-f", "0", "-wi", "0", "-i", "1",
                "-r", "1s");
        assertThat(String.join("\n", lines)).contains("RequestPathBench.render");
    }

    @Test
    void searchScriptTimesEachQueryClass() throws Exception {
        List<String> lines = run("bench/search.sh", "--events", "2000", "--queries", "3");
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("rare_term", "mid_term", "common_term", "phrase", "prefix", "by_source", "one_day",
                "japanese")) {
            assertThat(result.get(key).get("p95").asDouble()).as(key).isPositive();
        }
        assertThat(result.get("ingest_on").asDouble()).isPositive();
        assertThat(result.get("rss_mb").asInt()).isPositive();
    }

    @Test
    void dashboardScriptTimesEachPage() throws Exception {
        List<String> lines = run("bench/dashboard.sh", "--events", "2000", "--requests", "3");
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("today", "search_common", "search_rare", "search_filtered", "timeline_day",
                "plugins", "privacy", "entry")) {
            assertThat(result.get(key).get("p95").asDouble()).as(key).isPositive();
        }
    }

    @Test
    void captureScriptMeasuresTheAgent() throws Exception {
        List<String> lines = run("bench/capture.sh", "--frames", "2", "--seconds", "3");
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(result.get("frames").asInt()).isPositive();
        assertThat(result.get("cpu_s_per_frame").asDouble()).isPositive();
        assertThat(result.get("agent_rss_mb").asInt()).isPositive();
        assertThat(result.get("wer_english").asDouble()).isBetween(0.0, 100.0);
    }

    @Test
    void audioScriptMeasuresTheEngineAndTheAgent() throws Exception {
        List<String> lines = run("bench/audio.sh", "3");
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(result.get("pocketsphinx_rtf").asDouble()).isPositive();
        assertThat(result.get("pocketsphinx_wer").asDouble()).isBetween(0.0, 0.6);
        assertThat(result.get("peak_rss_mb").asInt()).isPositive();
    }

    @Test
    void cliScriptTimesTheCommandLine() throws Exception {
        List<String> lines = run("bench/cli.sh", "--runs", "1");
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(result.get("status_ms_p50").asInt()).isPositive();
        assertThat(result.get("version_ms_p50").asInt()).isPositive();
    }

    private List<String> run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("OPENCLONE_BENCH_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip().lines().toList();
    }
}
