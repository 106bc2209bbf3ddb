package dev.openclone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.openclone.ingest.ValidationTest;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/** docs/openapi.yaml tells the truth: every route is in it, and its ingest schema judges bodies as the server does. */
class OpenApiTest {

    static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    /** Rules a JSON Schema cannot state (said in the document's description); the server still enforces them. */
    static final Set<String> BEYOND_THE_SCHEMA = Set.of(
            "event timestamp infinite (1e400)",   // JSON Schema numbers have no "finite"
            "health with no metric at all");      // "at least one numeric field, known or not"

    @TempDir
    Path dir;

    @Test
    void everyRouteIsDocumentedAndTheServedDocumentIsTheFile() throws Exception {
        JsonNode document = yaml();
        Set<String> documented = new HashSet<>();
        document.get("paths").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).isEqualTo(OpenCloneServer.ROUTES);
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        try (TestServer server = TestServer.start(dir)) {
            Http.Response served = server.http().get("/api/v1/openapi.yaml");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(Files.readString(DOCUMENT));
        }
    }

    @Test
    void ingestSchemaAcceptsAndRejectsTheSameBodiesAsTheServer() throws Exception {
        Schema schema = ingestSchema();
        List<Map.Entry<String, String>> samples = new ArrayList<>();
        samples.add(Map.entry("seed curl example", Bodies.SEED_CURL_BODY));
        for (ObjectNode good : ValidationTest.goodBodies()) {
            samples.add(Map.entry("valid " + good.get("source_type").asText(), good.toString()));
        }
        ValidationTest.badBodies().map(Arguments::get)
                .forEach(args -> samples.add(Map.entry((String) args[0], (String) args[1])));
        int compared = 0;
        try (TestServer server = TestServer.start(dir)) {
            for (Map.Entry<String, String> sample : samples) {
                if (BEYOND_THE_SCHEMA.contains(sample.getKey())) {
                    continue;
                }
                JsonNode body = new ObjectMapper().readTree(sample.getValue());
                boolean schemaAccepts = schema.validate(body).isEmpty();
                int status = server.http().ingest(sample.getValue()).status();
                assertThat(schemaAccepts).as("%s: server answered %d, schema says %s", sample.getKey(), status,
                        schema.validate(body)).isEqualTo(status == 200);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(60);
    }

    static JsonNode yaml() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    /** The IngestRequest schema on its own: its references point into its own $defs. */
    static Schema ingestSchema() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(yaml().at("/components/schemas/IngestRequest"))
                .replace("#/components/schemas/IngestRequest/$defs/", "#/$defs/");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json.readTree(text));
    }
}
