package dev.openclone.dashboard;

import dev.openclone.http.FieldError;
import dev.openclone.http.Reply;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the dashboard's templates ({@code src/main/jte}, turned into Java classes of this package at build time
 * by jte-maven-plugin, so they read the pages' models directly; every value is HTML-escaped) and sends
 * them with the headers every page carries: no caching (pages show private memory), and a content security policy
 * that allows the dashboard's own stylesheet and nothing else — no script at all, no frame, no form posted
 * elsewhere.
 */
final class Pages {

    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "dev.openclone.dashboard");

    /** Answers {@code status} with the template {@code name} ({@code today.jte}) rendered with {@code model}. */
    void render(Context ctx, int status, String name, Object model) {
        StringOutput html = new StringOutput();
        engine.render(name, model, html);
        secure(ctx);
        ctx.status(status).contentType("text/html; charset=utf-8").result(html.toString());
    }

    /** A page that says what went wrong and where to go from there. */
    void problem(Context ctx, int status, String title, String message) {
        render(ctx, status, "problem.jte", new Problem(title, message));
    }

    /** The model of {@code problem.jte}. */
    public record Problem(String title, String message) {
    }

    /** What a service's refusal says, one message per wrong field ({@code to: to must be after from}). */
    static List<String> errors(Reply reply) {
        List<String> errors = new ArrayList<>();
        Object detail = reply.body() instanceof Map<?, ?> body ? body.get("detail") : null;
        if (detail instanceof List<?> details) {
            for (Object each : details) {
                if (each instanceof FieldError error) {
                    Object where = error.loc().get(error.loc().size() - 1);
                    errors.add(("body".equals(where) ? "" : where + ": ") + error.msg());
                }
            }
        } else if (detail != null) {
            errors.add(String.valueOf(detail));
        }
        if (errors.isEmpty()) {
            errors.add("The request could not be answered (" + reply.status() + ").");
        }
        return errors;
    }

    static void secure(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // Not no-referrer: with it, Chrome sends "Origin: null" on the dashboard's own form posts.
        ctx.header("Referrer-Policy", "same-origin");
    }
}
