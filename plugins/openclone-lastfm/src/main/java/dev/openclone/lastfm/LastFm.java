package dev.openclone.lastfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.agent.PluginStateFile;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.RawRefs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last.fm: the user's scrobbles as {@code music} events — new ones at each look, and (once, a few pages a look)
 * the history before the first look. A scrobble's raw_ref is {@link RawRefs#play}, the same the Spotify history
 * import gives the same play, so a play seen both ways is stored once.
 */
public final class LastFm implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(LastFm.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NEW_PAGES_PER_LOOK = 10;

    private PluginContext context;
    private LastFmApi api;
    private PluginStateFile stateFile;
    private long newest;
    private long backfillTo;
    private int backfillPage;
    private boolean backfillDone;
    private int pagesPerLook;
    private boolean pending;

    @Override
    public String id() {
        return "openclone-lastfm";
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings s = context.settings();
        String key = s.text("lastfm_api_key").strip();
        String user = s.text("lastfm_user").strip();
        if (key.isEmpty() || user.isEmpty()) {
            throw new CaptureException("set \"lastfm_api_key\" (from https://www.last.fm/api/account/create) and "
                    + "\"lastfm_user\" in the openclone-lastfm settings of the agent's config");
        }
        api = new LastFmApi(s.text("api_url"), key, user);
        pagesPerLook = (int) Math.max(1, s.integer("backfill_pages_per_look"));
        stateFile = PluginStateFile.of(context);
        JsonNode saved = stateFile.read();
        newest = saved.path("newest").asLong(0);
        backfillTo = saved.path("backfill_to").asLong(0);
        backfillPage = saved.path("backfill_page").asInt(1);
        backfillDone = saved.path("backfill_done").asBoolean(!s.bool("backfill"));
        if (backfillTo == 0) {
            // the first look: the history is everything up to now, what comes after is "new"
            backfillTo = context.clock().instant().getEpochSecond();
            newest = Math.max(newest, backfillTo);
            pending = true;
        }
    }

    @Override
    public List<Event> capture() throws CaptureException {
        save(); // what the last look found is in the agent's spool by now
        List<Event> events = new ArrayList<>();
        long seenNewest = newest;
        RecentTracks first = api.recent(1, newest + 1, 0);
        List<RecentTracks> pages = new ArrayList<>();
        int total = first.totalPages();
        if (total <= NEW_PAGES_PER_LOOK) {
            pages.add(first);
            for (int page = 2; page <= total; page++) {
                pages.add(api.recent(page, newest + 1, 0));
            }
        } else {
            // long away: the oldest pages first, so that each look moves on from where the last one stopped
            for (int page = total; page > total - NEW_PAGES_PER_LOOK; page--) {
                pages.add(api.recent(page, newest + 1, 0));
            }
        }
        for (RecentTracks recent : pages) {
            for (RecentTracks.Play play : recent.plays()) {
                events.add(event(play));
                seenNewest = Math.max(seenNewest, play.playedAt());
            }
        }
        if (first.nowPlaying()) {
            context.count("now_playing_waiting");
        }
        pending |= seenNewest != newest;
        newest = seenNewest;
        if (!backfillDone) {
            for (int i = 0; i < pagesPerLook && !backfillDone; i++) {
                RecentTracks old = api.recent(backfillPage, 0, backfillTo);
                old.plays().forEach(p -> events.add(event(p)));
                context.count("history_pages");
                backfillDone = backfillPage >= old.totalPages();
                LOG.info("openclone-lastfm: history page {} of {}{}", backfillPage, old.totalPages(),
                        backfillDone ? " (history done)" : "");
                backfillPage++;
                pending = true;
            }
        }
        events.forEach(e -> context.count("scrobbles"));
        return events;
    }

    static Event event(RecentTracks.Play play) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("track", play.track());
        data.put("artist", play.artist());
        if (!play.album().isEmpty()) {
            data.put("album", play.album());
        }
        data.put("source", "last.fm");
        return new Event("music", play.playedAt(), data, RawRefs.play(play.artist(), play.track(), play.playedAt()));
    }

    private void save() throws CaptureException {
        if (!pending) {
            return;
        }
        ObjectNode state = JSON.createObjectNode().put("newest", newest).put("backfill_to", backfillTo)
                .put("backfill_page", backfillPage).put("backfill_done", backfillDone);
        stateFile.write(state);
        pending = false;
    }

    @Override
    public void close() {
        try {
            save();
        } catch (CaptureException e) {
            LOG.warn("openclone-lastfm: {}", e.getMessage());
        }
    }
}
