package dev.openclone.server;

import dev.openclone.backup.ExportService;
import dev.openclone.config.Settings;
import dev.openclone.conversation.RecallService;
import dev.openclone.conversation.RecallUpdate;
import dev.openclone.dashboard.Dashboard;
import dev.openclone.forget.ForgetService;
import dev.openclone.forget.RetentionRunner;
import dev.openclone.http.Responses;
import dev.openclone.ingest.IngestService;
import dev.openclone.ingest.RateLimiter;
import dev.openclone.mcp.McpEndpoint;
import dev.openclone.plugin.PluginCatalog;
import dev.openclone.plugin.PluginsService;
import dev.openclone.privacy.PolicyService;
import dev.openclone.query.DayFiles;
import dev.openclone.query.TimelineService;
import dev.openclone.search.SearchService;
import dev.openclone.search.Searches;
import dev.openclone.store.StorageException;
import dev.openclone.tenant.AccessFilter;
import dev.openclone.tenant.Needs;
import dev.openclone.tenant.Tenants;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: opens the vault's store (repairing it after a crash), then serves HTTP. The object graph
 * is wired here by hand so it can be read in one place.
 */
public final class OpenCloneServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenCloneServer.class);
    private static final Logger REQUESTS = LoggerFactory.getLogger("dev.openclone.requests");
    /** The slowest a request body may arrive, in bytes per second (see {@code configure}). */
    static final long MIN_BODY_BYTES_PER_SECOND = 16 * 1024;
    static final Set<String> ROUTES = Set.of("/api/v1/ingest", "/api/v1/timeline", "/api/v1/search",
            "/api/v1/recall", "/api/v1/forget", "/api/v1/export", "/api/v1/plugins", "/api/v1/policy",
            "/api/v1/health", "/api/v1/openapi.yaml", "/metrics", "/mcp");

    private final Javalin app;
    private final Tenants tenants;
    private final Searches searches;
    private final McpEndpoint mcp;
    private final RetentionRunner retention;

    private OpenCloneServer(Javalin app, Tenants tenants, Searches searches, McpEndpoint mcp,
            RetentionRunner retention) {
        this.app = app;
        this.tenants = tenants;
        this.searches = searches;
        this.mcp = mcp;
        this.retention = retention;
    }

    /**
     * Starts a server with {@code settings}. Returns once it accepts requests.
     *
     * @throws StorageException when the vault or its index cannot be opened or repaired
     */
    public static OpenCloneServer start(Settings settings, Clock clock) throws StorageException {
        Tenants tenants = Tenants.open(settings.home(), settings.vault(), settings.apiKey(), clock,
                Map.of(RecallUpdate.KIND, RecallUpdate.HANDLER));
        Metrics metrics = new Metrics();
        IngestService ingest = new IngestService(tenants, settings::policy,
                new RateLimiter(settings.rateLimitPerMinute(), settings.rateLimitWindow(), clock), settings.timezone(),
                settings.conversation(), clock, metrics);
        TimelineService timeline = new TimelineService(settings.timezone(), settings.conversation(), clock);
        RecallService recall = new RecallService(settings.conversation());
        PluginsService plugins = new PluginsService(PluginCatalog.scan(settings.plugins()));
        Searches searches = new Searches();
        // bench/search.sh measures ingest without search with -Dopenclone.search=off: then a vault's search index
        // is only opened by its first search.
        if (!"off".equals(System.getProperty("openclone.search"))) {
            tenants.vaults().forEach(searches::start);
        }
        SearchService search = new SearchService(searches, settings.timezone());
        // MCP tool calls are counted per key like ingest requests, in a bucket of their own.
        McpEndpoint mcp = McpEndpoint.create(new McpEndpoint.Services(search, timeline, recall, ingest, plugins,
                new DayFiles(settings.timezone(), settings.conversation())), settings.timezone(), clock,
                new RateLimiter(settings.rateLimitPerMinute(), settings.rateLimitWindow(), clock), Version.get());
        ForgetService forget = new ForgetService(tenants, searches, settings.timezone(), settings.conversation());
        ExportService export = new ExportService(tenants, settings.home(), clock);
        Dashboard dashboard = Dashboard.create(new Dashboard.Sources(tenants, search, plugins, forget,
                settings::policy, new DayFiles(settings.timezone(), settings.conversation())), clock);
        Services services = new Services(new AccessFilter(tenants), ingest, timeline, recall, plugins, search, mcp,
                forget, export, new PolicyService(settings::policy), dashboard);
        Javalin app = Javalin.create(config -> configure(config, services, metrics));
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            mcp.close();
            searches.close();
            tenants.close();
            throw e;
        }
        LOG.info("OpenClone {} listening on http://{}:{} — vault {}, time zone {}", Version.get(), settings.host(),
                app.port(), settings.vault(), settings.timezone());
        LOG.info("Dashboard: http://{}:{}/ (sign in with a key that may read)", settings.host(), app.port());
        RetentionRunner retention = new RetentionRunner(tenants, settings::policy, searches,
                settings.conversation(), clock);
        retention.start();
        return new OpenCloneServer(app, tenants, searches, mcp, retention);
    }

    /** The key check every keyed route passes first, and the HTTP services, one per resource. */
    record Services(AccessFilter access, IngestService ingest, TimelineService timeline, RecallService recall,
            PluginsService plugins, SearchService search, McpEndpoint mcp, ForgetService forget,
            ExportService export, PolicyService policy, Dashboard dashboard) {
    }

    private static void configure(JavalinConfig config, Services services, Metrics metrics) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = IngestService.MAX_BODY_BYTES + 1L;
        // A body must keep arriving: slower than this, Jetty ends the request (408), so a slow upload cannot hold
        // a thread for long. A 1 MiB batch may take a minute; a phone on a poor link sends far faster.
        config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(new JsonErrorHandler());
            context.addFilter(new FilterHolder(new KnownMethodsFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
        config.requestLogger.http((ctx, ms) -> {
            String route = ROUTES.contains(ctx.path()) || Dashboard.PATHS.contains(ctx.path()) ? ctx.path()
                    : "unmatched";
            metrics.request(ctx.method().name(), route, ctx.statusCode());
            REQUESTS.info("{} {} {} {} ms", ctx.method().name(), route, ctx.statusCode(),
                    String.format(Locale.ROOT, "%.1f", ms));
        });
        routing(config, services, metrics);
    }

    /** The routes: the handlers only translate HTTP; the work is in the services. */
    static void routing(JavalinConfig config, Services services, Metrics metrics) {
        config.routes.beforeMatched(services.access());
        config.routes.post("/api/v1/ingest", services.ingest()::handle, Needs.KEY);
        config.routes.get("/api/v1/timeline", services.timeline()::handle, Needs.READ);
        config.routes.get("/api/v1/search", services.search()::handle, Needs.READ);
        config.routes.get("/api/v1/recall", services.recall()::handle, Needs.KEY);
        config.routes.post("/api/v1/forget", services.forget()::handle, Needs.OWNER);
        config.routes.get("/api/v1/export", services.export()::handle, Needs.OWNER);
        config.routes.get("/api/v1/plugins", services.plugins()::handle, Needs.KEY);
        config.routes.get("/api/v1/policy", services.policy()::handle, Needs.KEY);
        config.routes.post("/mcp", services.mcp(), Needs.KEY);
        config.routes.get("/mcp", services.mcp(), Needs.KEY);
        config.routes.delete("/mcp", services.mcp(), Needs.KEY);
        services.dashboard().routes(config);
        config.routes.get("/api/v1/health",
                ctx -> Responses.json(ctx, 200, new Health("ok", Version.get())));
        config.routes.get("/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml; charset=utf-8")
                .result(openApi()));
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.render()));
        // Error handlers also run after a handler answered 404 itself ("recall is off", a dashboard page): keep
        // what it said; replace only Javalin's own plain-text "Endpoint … not found".
        config.routes.error(404, "*", ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !(type.startsWith("application/json") || type.startsWith("text/html"))) {
                Responses.detail(ctx, 404, "Not Found");
            }
        });
        config.routes.error(405, "*", ctx -> Responses.detail(ctx, 405, "Method Not Allowed"));
        config.routes.exception(Exception.class, (e, ctx) -> {
            HttpException http = clientFault(e);
            if (http != null) {
                // The request itself was broken (a malformed chunk, a body too slow): the client's fault, said so.
                ctx.header("Connection", "close");
                Responses.detail(ctx, http.getCode(), http.getReason() == null
                        ? HttpStatus.getMessage(http.getCode()) : http.getReason());
                return;
            }
            LOG.error("Unhandled error on {} {}", ctx.method().name(), ctx.path(), e);
            if (Dashboard.PATHS.contains(ctx.path())) {
                services.dashboard().failed(ctx);
                return;
            }
            Responses.detail(ctx, 500, "Internal server error");
        });
    }

    /** The 4xx Jetty found in the request (a malformed chunk, a body too slow), anywhere in the cause chain. */
    private static HttpException clientFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http;
            }
        }
        return null;
    }

    /** docs/openapi.yaml, as packaged in the jar. */
    static byte[] openApi() throws java.io.IOException {
        try (java.io.InputStream in = OpenCloneServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new java.io.FileNotFoundException("openapi.yaml is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    /** The health answer: {@code {"status":"ok","version":"…"}}. */
    record Health(String status, String version) {
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests, finishes the batches in flight, closes the index. */
    @Override
    public void close() {
        app.stop();
        retention.close();
        mcp.close();
        searches.close();
        tenants.close();
    }
}
