package dev.openclone.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Answers a request with a method HTTP does not define ({@code GARBAGE /api/v1/ingest}) with a JSON {@code 405},
 * before it reaches Javalin, which would answer it in plain text.
 */
final class KnownMethodsFilter implements Filter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && !METHODS.contains(http.getMethod())) {
            byte[] body = JsonErrorHandler.body(405, "Method Not Allowed");
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setStatus(405);
            answer.setContentType("application/json");
            answer.setContentLength(body.length);
            answer.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }
}
