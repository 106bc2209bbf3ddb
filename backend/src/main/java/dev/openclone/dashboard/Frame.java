package dev.openclone.dashboard;

/**
 * What every signed-in page shows around its content: its title, which navigation entry is current, the tenant
 * whose memory this is, and the token the page's forms carry (sign-out among them).
 *
 * @param active the path of the current navigation entry ({@code /}, {@code /search}, …)
 */
public record Frame(String title, String active, String tenant, String csrf) {

    /** The navigation, in order: path and name. */
    public static final String[][] NAVIGATION = {{"/", "Today"}, {"/search", "Search"}, {"/timeline", "Timeline"},
        {"/plugins", "Plugins"}, {"/privacy", "Privacy"}};

    static Frame of(Session session, String title, String active) {
        return new Frame(title, active, session.access().tenant().name(), session.csrf());
    }
}
