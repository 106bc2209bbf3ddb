package dev.openclone.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.TestClock;
import dev.openclone.tenant.Access;
import dev.openclone.tenant.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-15T15:00:00Z"));
    private final Sessions sessions = new Sessions(clock);
    private final Access access = new Access(new Tenant("default", Path.of("vault")), "default", Set.of(), true,
            new byte[32]);

    @Test
    void aSessionEndsTwelveHoursAfterSignIn() {
        Session session = sessions.open(access, true);
        clock.advance(Sessions.LIFETIME.minus(Duration.ofSeconds(1)));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void idsAndTokensAreRandomAndUnguessable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Session session = sessions.open(access, false);
            assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(session.id())).isTrue();
            assertThat(seen.add(session.csrf())).isTrue();
        }
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("x".repeat(43))).isEmpty();
    }

    @Test
    void theCsrfTokenMustBeTheSessionsOwn() {
        Session one = sessions.open(access, true);
        Session two = sessions.open(access, true);
        assertThat(Sessions.csrfMatches(one, one.csrf())).isTrue();
        assertThat(Sessions.csrfMatches(one, two.csrf())).isFalse();
        assertThat(Sessions.csrfMatches(one, null)).isFalse();
        assertThat(Sessions.csrfMatches(one, "")).isFalse();
    }

    @Test
    void signingOutEndsOnlyThatSession() {
        Session one = sessions.open(access, true);
        Session two = sessions.open(access, true);
        sessions.close(one.id());
        assertThat(sessions.find(one.id())).isEmpty();
        assertThat(sessions.find(two.id())).contains(two);
    }

    @Test
    void pastTheLimitTheOldestSessionGoesFirst() {
        Session first = sessions.open(access, false);
        clock.advance(Duration.ofSeconds(1));
        Session second = sessions.open(access, false);
        for (int i = 2; i < Sessions.MAX; i++) {
            sessions.open(access, false);
        }
        Session newest = sessions.open(access, false);
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).contains(second);
        assertThat(sessions.find(newest.id())).contains(newest);
    }

    @Test
    void aSnippetKeepsItsMarksApartAndItsTextUnescaped() {
        Snippet snippet = Snippet.of("a &lt;b&gt; <mark>walrus</mark> &amp; <mark>plan</mark>");
        assertThat(snippet.parts()).containsExactly(new Snippet.Part("a <b> ", false),
                new Snippet.Part("walrus", true), new Snippet.Part(" & ", false), new Snippet.Part("plan", true));
        assertThat(Dashboard.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(Dashboard.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(Dashboard.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(Dashboard.safeNext("/search?q=a")).isEqualTo("/search?q=a");
    }
}
