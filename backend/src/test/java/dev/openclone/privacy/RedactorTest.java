package dev.openclone.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-shaped secrets of every kind are replaced; near-misses stay. The samples are vendors' documented examples
 * or made up in the right shape: none is a live credential.
 */
class RedactorTest {

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq\nabc==\n-----END RSA PRIVATE KEY-----",
                        "[REDACTED:private_key]"),
                Arguments.of("key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA (cut off by OCR",
                        "key: [REDACTED:private_key]"),
                Arguments.of("-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQdGBF\n-----END PGP PRIVATE KEY BLOCK----- done",
                        "[REDACTED:private_key] done"),
                Arguments.of("id AKIAIOSFODNN7EXAMPLE in config", "id [REDACTED:aws_access_key] in config"),
                Arguments.of("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key = [REDACTED:aws_secret_key]"),
                Arguments.of("token ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + " pushed",
                        "token [REDACTED:github_token] pushed"),
                Arguments.of("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
                        "[REDACTED:github_token]"),
                Arguments.of("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                        "[REDACTED:slack_token]"),
                Arguments.of("hook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX ok",
                        "hook [REDACTED:slack_webhook] ok"),
                Arguments.of("OPENAI=sk-proj-" + "abcdEFGH1234ijklMNOP5678qrstUVWX9012yzAB",
                        "OPENAI=[REDACTED:openai_key]"),
                Arguments.of("sk-" + "T3BlbkFJabcdefghijklmnopqrstuvwxyz012345", "[REDACTED:openai_key]"),
                Arguments.of("claude sk-ant-api03-" + "abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFGH",
                        "claude [REDACTED:anthropic_key]"),
                Arguments.of("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG"
                        + "9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                        "Bearer [REDACTED:jwt]"),
                Arguments.of("postgres://admin:s3cr3t!@db.example.com:5432/app",
                        "postgres://admin:[REDACTED:password]@db.example.com:5432/app"),
                Arguments.of("login with password=hunter2 now", "login with password=[REDACTED:password] now"),
                Arguments.of("pwd: Tr0ub4dor&3;x, next", "pwd: [REDACTED:password] next"),
                Arguments.of("PASSWORD: \"correct horse battery\"", "PASSWORD: [REDACTED:password]"),
                Arguments.of("https://app.example/cb?token=abc123def456&next=/", "https://app.example/cb?token="
                        + "[REDACTED:secret]&next=/"),
                Arguments.of("client_secret: 9f8e7d6c5b4a", "client_secret: [REDACTED:secret]"),
                Arguments.of("card 4111 1111 1111 1111 exp 12/29", "card [REDACTED:card_number] exp 12/29"),
                Arguments.of("mc 5555-5555-5555-4444", "mc [REDACTED:card_number]"),
                Arguments.of("amex 378282246310005.", "amex [REDACTED:card_number]."),
                Arguments.of("two: 4532015112830366 and 6011111111111117",
                        "two: [REDACTED:card_number] and [REDACTED:card_number]"));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void secretIsReplacedByItsKind(String text, String expected) {
        Redactor.Result result = Redactor.redact(text);
        assertThat(result.text()).isEqualTo(expected);
        assertThat(result.count()).isEqualTo(expected.split("\\[REDACTED:", -1).length - 1);
    }

    static Stream<String> nearMisses() {
        return Stream.of(
                "Order 1234567812345678 shipped (16 digits, fails Luhn)",
                "Card ending 4532015112830367 fails Luhn",
                "ISBN 978-3-16-148410-0",
                "millis 1708258800123",
                "I forgot my password again, the password policy wants 12 characters",
                "Reset your password here",
                "sk-learn is a Python library; task-based sk-8 is short",
                "AKIA alone is not a key, nor is AKIA123",
                "the eyJ prefix means base64 JSON",
                "call +1 415 555 2671 or 030 1234567",
                "https://example.com/path?page=2&sort=asc",
                "user@example.com wrote at 12:30",
                "ghp_short is not a token",
                "We discussed the product roadmap for Q2.");
    }

    @ParameterizedTest
    @MethodSource("nearMisses")
    void nearMissStaysAsItIs(String text) {
        Redactor.Result result = Redactor.redact(text);
        assertThat(result.text()).isEqualTo(text);
        assertThat(result.count()).isZero();
    }

    @Test
    void nestedStringsOfDataAreRedactedInPlaceAndCounted() throws Exception {
        ObjectNode data = (ObjectNode) new ObjectMapper().readTree("{\"text\":\"password=hunter2\",\"meta\":{\"urls\":"
                + "[\"https://u:pw123@h.example/\",\"fine\"]},\"count\":4111111111111111}");

        int count = Redactor.redactInPlace(data);

        assertThat(count).isEqualTo(2);
        assertThat(data.toString()).isEqualTo("{\"text\":\"password=[REDACTED:password]\",\"meta\":{\"urls\":"
                + "[\"https://u:[REDACTED:password]@h.example/\",\"fine\"]},\"count\":4111111111111111}");
    }
}
