package dev.openclone.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.event.DedupKey;
import dev.openclone.event.IngestBatch;
import dev.openclone.event.SourceType;
import dev.openclone.http.FieldError;
import dev.openclone.http.Reply;
import dev.openclone.http.Responses;
import dev.openclone.index.IndexReader;
import dev.openclone.privacy.Redactor;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.IngestLimits;
import dev.openclone.store.PreparedEvent;
import dev.openclone.store.StorageException;
import dev.openclone.store.StoreResult;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.AccessFilter;
import dev.openclone.tenant.Tenant;
import dev.openclone.tenant.Tenants;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/ingest}: (auth, by {@link AccessFilter}) → size → receive → rate → parse → validate →
 * render → store → answer (SPEC §4).
 * <pre>
 * curl -X POST http://127.0.0.1:8000/api/v1/ingest -H "X-API-Key: $API_KEY" -H "Content-Type: application/json" \
 *   -d '{"source_type":"braindump","platform":"macos","device_id":"test-001","plugin_id":"my-plugin",
 *        "plugin_version":"1.0.0","timestamp":1708258800.0,
 *        "events":[{"timestamp":1708258800.0,"data":{"text":"Hello!"},"raw_ref":"e1"}]}'
 * </pre>
 */
public final class IngestService {

    /** The largest body: {@link IngestLimits#MAX_BODY_BYTES}, the limit the SDK and the CLI split by. */
    public static final int MAX_BODY_BYTES = IngestLimits.MAX_BODY_BYTES;
    /** What a refused body may still send after the {@code 413} before the connection is cut. */
    private static final long DISCARD_AFTER_LIMIT = 16L * MAX_BODY_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Tenants tenants;
    private final Function<String, TenantPolicy> policies;
    private final RateLimiter limiter;
    private final EventPreparer preparer;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final Admission admission = new Admission();

    /**
     * @param policies each tenant's privacy policy, by tenant name
     */
    public IngestService(Tenants tenants, Function<String, TenantPolicy> policies, RateLimiter limiter, ZoneId zone,
            ConversationConfig conversation, Clock clock, IngestMetrics metrics) {
        this.tenants = tenants;
        this.policies = policies;
        this.limiter = limiter;
        this.preparer = new EventPreparer(zone, conversation);
        this.clock = clock;
        this.metrics = metrics;
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Access access = AccessFilter.caller(ctx);
        String key = access.keyId();
        if (!admission.startReceiving(key)) {
            ctx.header("Retry-After", "1");
            ctx.header("Connection", "close");
            Responses.detail(ctx, 429, "Too many requests of this key at once (at most "
                    + Admission.RECEIVING_PER_KEY + "); send fewer in parallel");
            return;
        }
        Optional<byte[]> body;
        try {
            String contentLength = ctx.header("Content-Length");
            if (contentLength != null && parseLength(contentLength) > MAX_BODY_BYTES) {
                tooLarge(ctx);
                return;
            }
            body = BodyReader.read(ctx.bodyInputStream(), MAX_BODY_BYTES);
            if (body.isEmpty()) {
                tooLarge(ctx);
                return;
            }
        } finally {
            admission.doneReceiving(key);
        }
        admission.startWork(key);
        try {
            handleBody(ctx, access, body.get(), started);
        } finally {
            admission.doneWorking(key);
        }
    }

    private void handleBody(Context ctx, Access access, byte[] body, long started) throws InterruptedException {
        RateLimiter.Decision rate = limiter.acquire(access.keyId());
        if (limiter.enabled()) {
            ctx.header("X-RateLimit-Limit", Integer.toString(rate.limit()));
            ctx.header("X-RateLimit-Remaining", Integer.toString(rate.remaining()));
        }
        if (!rate.allowed()) {
            ctx.header("Retry-After", Long.toString(rate.retryAfterSeconds()));
            Responses.detail(ctx, 429, "Rate limit exceeded");
            return;
        }
        Reply outcome = ingest(access, body);
        Responses.send(ctx, outcome);
        if (outcome.isOk()) {
            metrics.ingestLatency((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The answer to one authorised, size- and rate-checked body: the batch validated, filtered by the tenant's
     * policy and the key's source types, redacted, and stored exactly once.
     */
    public Reply ingest(Access access, byte[] body) throws InterruptedException {
        int invalid = Utf8.firstInvalid(body);
        if (invalid >= 0) {
            return invalid(List.of(new FieldError(List.of("body", invalid), "JSON decode error: the body is not "
                    + "valid UTF-8 at byte " + invalid + "; send it encoded as UTF-8", "json_invalid")));
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            String reason = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
            return invalid(List.of(new FieldError(List.of("body", offset), "JSON decode error: " + reason,
                    "json_invalid")));
        } catch (IOException e) {
            return invalid(List.of(new FieldError(List.of("body"), "JSON decode error", "json_invalid")));
        }
        if (json == null || json.isMissingNode()) {
            return invalid(List.of(new FieldError(List.of("body"), "Field required", "missing")));
        }
        IngestValidator.Result result = IngestValidator.validate(json, clock.millis() / 1000d);
        if (result.batch().isEmpty()) {
            return invalid(result.errors());
        }
        IngestBatch batch = result.batch().get();
        Tenant tenant = access.tenant();
        TenantPolicy policy = policies.apply(tenant.name());
        String type = batch.sourceType().wireName();
        if (!policy.accepts(batch.sourceType())) {
            return forbidden("Source type '" + type + "' is turned off for this vault (sources." + type
                    + ".enabled is false)");
        }
        if (!access.mayWrite(batch.sourceType())) {
            return forbidden("This key may not write source type '" + type + "'; it may write: "
                    + String.join(", ", access.sourceTypes().stream().map(SourceType::wireName).sorted().toList()));
        }
        List<PreparedEvent> prepared = new ArrayList<>(batch.events().size());
        int excluded = 0;
        String file = preparer.fileFor(batch, batch.events().get(0));
        for (IngestBatch.Event event : batch.events()) {
            if (policy.exclusions().reason(event.data()).isPresent()) {
                excluded++;
            } else {
                Optional<PreparedEvent> ready = preparer.prepare(batch, event, policy.redaction());
                ready.ifPresent(prepared::add);
                if (ready.isEmpty()) {
                    excluded++;
                }
            }
        }
        StoreResult stored = new StoreResult(0, 0, 0, List.of());
        if (!prepared.isEmpty()) {
            try {
                stored = tenants.store(tenant).store(prepared);
            } catch (StorageException e) {
                LOG.error("Storage error for tenant {}: {}", tenant.name(), e.getMessage());
                return Reply.detail(500, "Storage error — vault write failed");
            }
        }
        int replaced;
        try {
            replaced = replace(tenant, batch, policy.redaction());
        } catch (StorageException | IOException e) {
            LOG.error("Storage error for tenant {} while forgetting replaced events: {}", tenant.name(),
                    e.getMessage());
            return Reply.detail(500, "Storage error — the events were stored, the ones they replace not yet "
                    + "forgotten; send the batch again");
        }
        metrics.events(stored.stored(), stored.skipped() + excluded);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", stored.stored());
        answer.put("skipped", stored.skipped() + excluded);
        answer.put("redacted", stored.redacted());
        answer.put("file", file);
        answer.put("files", stored.files());
        if (replaced > 0) {
            answer.put("replaced", replaced);
        }
        return Reply.ok(answer);
    }

    /**
     * Forgets the earlier events the batch's events replace ({@code replaces}: raw_refs of the same plugin and
     * source type, so a plugin can only take back its own), once the batch is stored. A raw_ref unknown or already
     * forgotten is passed over, so sending the batch again is harmless. Returns how many were forgotten.
     */
    private int replace(Tenant tenant, IngestBatch batch, boolean redact) throws StorageException, IOException {
        Set<String> own = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        for (IngestBatch.Event event : batch.events()) {
            if (event.rawRef() != null) {
                own.add(redact ? Redactor.redact(event.rawRef()).text() : event.rawRef());
            }
        }
        for (IngestBatch.Event event : batch.events()) {
            for (String ref : event.replaces()) {
                String stored = redact ? Redactor.redact(ref).text() : ref;
                if (!own.contains(stored)) {
                    keys.add(DedupKey.of(batch, new IngestBatch.Event(event.timestamp(), event.data(), stored))
                            .bytes());
                }
            }
        }
        List<Long> ids = new IndexReader(tenant.vault()).liveIds(keys);
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            return tenants.store(tenant).forget(ids).events();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted", e);
        }
    }

    private static Reply forbidden(String detail) {
        return Reply.detail(403, detail);
    }

    private static Reply invalid(List<FieldError> errors) {
        return Reply.detail(422, errors);
    }

    /**
     * Answers {@code 413} at once, then reads and throws away up to {@link #DISCARD_AFTER_LIMIT} more bytes of the
     * body before the connection closes: a client that sends its whole body before it reads (Python's urllib and
     * http.client) then reads the {@code 413} instead of a broken pipe, and would not retry a refusal forever.
     */
    private static void tooLarge(Context ctx) throws IOException {
        byte[] answer = Responses.JSON.writeValueAsBytes(Map.of("detail", "Payload too large"));
        HttpServletResponse response = ctx.res();
        response.setStatus(413);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        response.flushBuffer();
        try {
            BodyReader.discard(ctx.bodyInputStream(), DISCARD_AFTER_LIMIT);
        } catch (IOException | RuntimeException clientGone) {
            // The client stopped sending, or closed: it has the answer already.
        }
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
