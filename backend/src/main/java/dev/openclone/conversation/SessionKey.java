package dev.openclone.conversation;

import java.util.Arrays;

/**
 * What an OpenClaw sessionKey such as {@code agent:home:discord:channel:123} says: agent {@code home}, surface
 * {@code discord}, channel {@code channel:123} (everything after the surface) and channel id {@code 123} (the
 * last element, which the {@code channels} filter matches). Keys not of the form {@code agent:<a>:<s>[:…]}
 * say nothing; an empty element is absent.
 */
public record SessionKey(String agent, String surface, String channel, String channelId) {

    private static final SessionKey NOTHING = new SessionKey(null, null, null, null);

    public static SessionKey parse(String sessionKey) {
        if (sessionKey == null || sessionKey.isEmpty()) {
            return NOTHING;
        }
        String[] parts = sessionKey.split(":", -1);
        if (!parts[0].equals("agent") || parts.length < 3) {
            return NOTHING;
        }
        String channel = null;
        String channelId = null;
        if (parts.length > 3) {
            channel = nonEmpty(String.join(":", Arrays.copyOfRange(parts, 3, parts.length)));
            channelId = nonEmpty(parts[parts.length - 1]);
        }
        return new SessionKey(nonEmpty(parts[1]), nonEmpty(parts[2]), channel, channelId);
    }

    private static String nonEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
