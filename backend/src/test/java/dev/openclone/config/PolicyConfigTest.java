package dev.openclone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openclone.event.SourceType;
import dev.openclone.privacy.TenantPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyConfigTest {

    @TempDir
    Path dir;

    @Test
    void fullConfigIsRead() throws Exception {
        Map<String, TenantPolicy> policies = read("""
                {"tenants": {
                  "default": {"redaction": {"enabled": false}, "sources": {"health": {"enabled": false},
                              "music": {"enabled": true}}},
                  "alice": {"exclusions": {"apps": ["Signal"], "urls": ["re:^https://mail\\\\."]}}
                }}""");
        assertThat(policies.get("default").redaction()).isFalse();
        assertThat(policies.get("default").disabledSources()).containsExactly(SourceType.HEALTH);
        assertThat(policies.get("alice").redaction()).isTrue();
        assertThat(policies.get("alice").exclusions().apps()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"tenant\": {}}                                                  | OPENCLONE_CONFIG: tenant: unknown key",
        "{\"tenants\": {\"Alice\": {}}}                                     | OPENCLONE_CONFIG: tenants.Alice: is not a tenant name",
        "{\"tenants\": {\"a\": {\"redact\": {}}}}                           | OPENCLONE_CONFIG: tenants.a.redact: unknown key",
        "{\"tenants\": {\"a\": {\"redaction\": {\"enabled\": \"no\"}}}}     | OPENCLONE_CONFIG: tenants.a.redaction.enabled: must be true or false",
        "{\"tenants\": {\"a\": {\"exclusions\": {\"appz\": []}}}}           | OPENCLONE_CONFIG: tenants.a.exclusions.appz: unknown key",
        "{\"tenants\": {\"a\": {\"exclusions\": {\"apps\": \"Signal\"}}}}   | OPENCLONE_CONFIG: tenants.a.exclusions.apps: must be a list",
        "{\"tenants\": {\"a\": {\"exclusions\": {\"apps\": [\"ok\", \"re:(\"]}}}} | OPENCLONE_CONFIG: tenants.a.exclusions.apps[1]: invalid regular expression",
        "{\"tenants\": {\"a\": {\"sources\": {\"video\": {}}}}}             | OPENCLONE_CONFIG: tenants.a.sources.video: is not a source type",
        "{\"tenants\": {\"a\": {\"sources\": {\"music\": {\"on\": true}}}}}  | OPENCLONE_CONFIG: tenants.a.sources.music.on: unknown key",
        "[]                                                                | OPENCLONE_CONFIG: ",
        "{\"tenants\": {} ,}                                               | OPENCLONE_CONFIG: ",
    })
    void badConfigNamesTheKey(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(message.strip());
    }

    private Map<String, TenantPolicy> read(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return PolicyConfig.read(file, java.time.ZoneOffset.UTC).tenants();
    }
}
