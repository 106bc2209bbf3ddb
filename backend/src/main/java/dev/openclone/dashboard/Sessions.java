package dev.openclone.dashboard;

import dev.openclone.tenant.Access;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's signed-in browsers, in memory only: a restart signs everyone out, and no session token ever
 * reaches the disk. A session lasts {@link #LIFETIME} from sign-in; a key revoked since is refused at once (each
 * use asks the key ring again). At most {@link #MAX} live sessions: the oldest go first.
 */
final class Sessions {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code access}. */
    Session open(Access access, boolean owner) {
        removeExpired();
        if (byId.size() >= MAX) {
            byId.values().stream().min((a, b) -> a.expires().compareTo(b.expires()))
                    .ifPresent(oldest -> byId.remove(oldest.id()));
        }
        Session session = new Session(token(), access, owner, token(), clock.instant().plus(LIFETIME));
        byId.put(session.id(), session);
        return session;
    }

    /** The live session whose id is {@code id}; empty for an unknown or expired one. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expires())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private void removeExpired() {
        for (Iterator<Session> it = byId.values().iterator(); it.hasNext();) {
            if (!clock.instant().isBefore(it.next().expires())) {
                it.remove();
            }
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
