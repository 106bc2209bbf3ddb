package dev.openclone.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.http.Responses;
import dev.openclone.store.StorageException;
import dev.openclone.tenant.Tenant;
import dev.openclone.tenant.Tenants;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/export[?tenant=T]}: a tenant's memory as one zip, taken while the server runs, for the owner's
 * key only: a consistent copy of the index ({@link dev.openclone.store.EventStore#snapshot}) and every vault file
 * as it was at that instant. {@code ./openclone export} saves it; {@code ./openclone restore} unpacks it into a
 * vault the server can serve. The search index is not in it: it is rebuilt from the index at the first start.
 * <pre>
 * curl -H "X-API-Key: $API_KEY" -o memory.zip http://127.0.0.1:8000/api/v1/export
 * </pre>
 */
public final class ExportService {

    /** The zip's folder of vault files; the index is {@code vault/.openclone/index.db}. */
    public static final String VAULT = "vault/";
    public static final String MANIFEST = "openclone-export.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

    private final Tenants tenants;
    private final Path temporary;
    private final Clock clock;

    /** @param temporary where the index copy is made while the zip is written (OPENCLONE_HOME) */
    public ExportService(Tenants tenants, Path temporary, Clock clock) {
        this.tenants = tenants;
        this.temporary = temporary;
        this.clock = clock;
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        String name = Optional.ofNullable(ctx.queryParam("tenant")).filter(t -> !t.isBlank()).orElse(Tenant.DEFAULT);
        Path copy = temporary.resolve(".export-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".db");
        try {
            Optional<Tenant> tenant = tenants.tenant(name);
            if (tenant.isEmpty()) {
                Responses.detail(ctx, 404, "No tenant named '" + name + "' is served here");
                return;
            }
            Map<String, Long> sizes = tenants.store(tenant.get()).snapshot(copy);
            ctx.status(200).contentType("application/zip").header("Content-Disposition",
                    "attachment; filename=\"openclone-" + name + ".zip\"");
            try (ZipOutputStream zip = new ZipOutputStream(ctx.res().getOutputStream())) {
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", 1);
                manifest.put("tenant", name);
                manifest.put("exported_at", Instant.ofEpochMilli(clock.millis()).toString());
                manifest.put("files", sizes.size());
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(VAULT + ".openclone/index.db"));
                Files.copy(copy, zip);
                zip.closeEntry();
                Path vault = tenant.get().vault();
                for (Map.Entry<String, Long> file : sizes.entrySet()) {
                    zip.putNextEntry(new ZipEntry(VAULT + file.getKey()));
                    copyPrefix(vault.resolve(file.getKey()), file.getValue(), zip);
                    zip.closeEntry();
                }
            }
            LOG.info("Exported tenant {}: the index and {} vault files", name, sizes.size());
        } catch (StorageException e) {
            LOG.error("Export of tenant {} failed: {}", name, e.getMessage());
            Responses.detail(ctx, 500, "Storage error — the export could not be taken");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The first {@code size} bytes of {@code file}: what it held when the snapshot was taken. */
    private static void copyPrefix(Path file, long size, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long left = size;
            byte[] buffer = new byte[64 * 1024];
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, read);
                left -= read;
            }
        } catch (NoSuchFileException gone) {
            // removed since (a person deleted it): the index copy's reconcile at restore takes that in
        }
    }
}
