package dev.openclone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path root;

    @Test
    void flagBeatsEnvironmentBeatsDotEnvBeatsDefault() throws Exception {
        dotEnv("API_KEY=from-file\nOPENCLONE_PORT=7001\nOPENCLONE_HOST=0.0.0.0\nOPENCLONE_TIMEZONE=Europe/Berlin\n");
        Map<String, String> env = Map.of("OPENCLONE_PORT", "7002", "OPENCLONE_HOST", "127.0.0.2");
        Map<String, String> flags = Map.of("OPENCLONE_PORT", "7003");

        Settings settings = new SettingsLoader(flags, env, root).load();

        assertThat(settings.port()).isEqualTo(7003);
        assertThat(settings.host()).isEqualTo("127.0.0.2");
        assertThat(settings.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.apiKey()).isEqualTo("from-file");
        assertThat(settings.apiKeyGenerated()).isFalse();
        assertThat(settings.rateLimitPerMinute()).isEqualTo(60);
        assertThat(settings.vault()).isEqualTo(root.resolve("vault"));
        assertThat(settings.home()).isEqualTo(root.resolve("data"));
        assertThat(settings.plugins()).isEqualTo(root.resolve("plugins"));
    }

    @Test
    void relativePathsInDotEnvAreTakenFromTheProjectRoot() throws Exception {
        dotEnv("API_KEY=k\nOPENCLONE_VAULT=my-vault\n");
        assertThat(new SettingsLoader(Map.of(), Map.of(), root).load().vault()).isEqualTo(root.resolve("my-vault"));
    }

    @Test
    void firstStartWithoutAnyKeyWritesARandomKeyReadableByTheOwnerOnly() throws Exception {
        Settings first = new SettingsLoader(Map.of(), Map.of(), root).load();

        Path env = root.resolve("backend/.env");
        assertThat(first.apiKeyGenerated()).isTrue();
        assertThat(first.apiKey()).startsWith("oc_").hasSizeGreaterThan(40);
        assertThat(Files.readString(env)).contains("API_KEY=" + first.apiKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");

        Settings second = new SettingsLoader(Map.of(), Map.of(), root).load();
        assertThat(second.apiKeyGenerated()).isFalse();
        assertThat(second.apiKey()).isEqualTo(first.apiKey());
    }

    @Test
    void keyFromTheEnvironmentIsNeverWrittenToDisk() throws Exception {
        new SettingsLoader(Map.of(), Map.of("API_KEY", "env-key"), root).load();
        assertThat(root.resolve("backend/.env")).doesNotExist();
    }

    @Test
    void badValuesNameTheSetting() {
        assertBad(Map.of("OPENCLONE_PORT", "eighty"), "OPENCLONE_PORT: 'eighty' is not a port number");
        assertBad(Map.of("OPENCLONE_PORT", "70000"), "OPENCLONE_PORT: '70000'");
        assertBad(Map.of("OPENCLONE_RATE_LIMIT", "-1"), "OPENCLONE_RATE_LIMIT: '-1'");
        assertBad(Map.of("OPENCLONE_TIMEZONE", "Mars/Olympus"), "OPENCLONE_TIMEZONE: 'Mars/Olympus' is not a time zone");
        assertBad(Map.of("OPENCLONE_HOST", " "), "OPENCLONE_HOST: must not be empty");
        assertBad(Map.of("API_KEY", ""), "API_KEY: must not be empty");
        assertBad(Map.of("OPENCLONE_CONFIG", root.resolve("missing.json").toString()), "OPENCLONE_CONFIG: cannot read");
    }

    private void assertBad(Map<String, String> env, String message) {
        Map<String, String> withKey = new java.util.HashMap<>(Map.of("API_KEY", "k"));
        withKey.putAll(env);
        assertThatThrownBy(() -> new SettingsLoader(Map.of(), withKey, root).load())
                .isInstanceOf(SettingsException.class).hasMessageStartingWith(message);
    }

    private void dotEnv(String text) throws Exception {
        Files.createDirectories(root.resolve("backend"));
        Files.writeString(root.resolve("backend/.env"), text);
    }
}
