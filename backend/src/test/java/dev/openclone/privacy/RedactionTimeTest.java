package dev.openclone.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redaction takes time linear in the text, whatever the text: a 1 MiB body built to make each rule rescan (its
 * prefix repeated, its runs left without the delimiter that would end them) is redacted in under a second.
 * The JWT and URL-password shapes took 97 s and 73 s at 160k/80k characters before their rules skipped runs.
 */
class RedactionTimeTest {

    static final int SIZE = 1_048_576;

    static Stream<String> shapes() {
        return Stream.of(
                repeat("eyJ-"), repeat("eyJaaaaaaaa."), repeat("eyJaaaaaaaa.eyJ"), "eyJaaaaaaaa." + repeat("eyJa"),
                "://@ " + repeat("a."), repeat("a://"), repeat("a://b:"), "x://y:" + repeat("z:"), repeat("x://y:z"),
                repeat("-----BEGIN RSA PRIVATE KEY-----"), "-----BEGIN " + repeat("A "), repeat("-----BEGIN "),
                repeat("AKIA"), repeat("AKIAAAAAAAAAAAAAAAA "), repeat("aws_secret="), repeat("aws_secret "),
                repeat("aws_secret=\""), repeat("ghp_"), repeat("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "),
                "github_pat_" + repeat("a"), repeat("github_pat_"), repeat("xoxb-"), repeat("xoxb-a "),
                repeat("https://hooks.slack.com/services/Ta/Ba"), repeat("https://hooks.slack.com/services/T"),
                repeat("sk-ant-"), repeat("sk-ant-a "), repeat("sk-"), repeat("sk-a "), repeat("sk-proj-"),
                repeat("password=\""), repeat(" password=\""), repeat("password "), "password=\"" + repeat("a "),
                repeat("pwd:'"), repeat("token=\""), repeat("token "), repeat("secret='"), repeat("api_key="),
                repeat("4 "), repeat("4-"), repeat("4111 1111 1111 1111 "), repeat("2 2-"), repeat("5"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void aMebibyteOfEachRulesWorstShapeTakesUnderASecond(String text) {
        long started = System.nanoTime();
        Redactor.redact(text);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("redacting 1 MiB of %s…", text.substring(0, 24)).isLessThan(1_000);
    }

    private static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
    }
}
