package dev.openclone.voicejournal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.agent.PluginStateFile;
import dev.openclone.linuxaudio.Transcriber;
import dev.openclone.sdk.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice Journal in the capture agent: a watched folder (a phone's voice-memo sync folder) whose recordings become
 * {@code journal} entries at their own time. Files are read in place — never changed, moved or deleted — decoded by
 * ffmpeg through a pipe and transcribed on a thread of the plugin's own, so a long recording does not hold up the
 * agent's other plugins. A file is read once; if it changes it is read again and its new entry replaces the old
 * one. What was read is remembered in the plugin's state (names, sizes, times and raw_refs, never text).
 */
public final class VoiceJournal implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the plugin remembers of a file it has read: its signature and the raw_ref of its entry (or null). */
    record Read(String signature, String rawRef) {
    }

    /** A file read by the worker, waiting to be returned by a capture. */
    private record Result(String name, Read read, Event event, String outcome) {
    }

    private PluginContext context;
    private Transcriber transcriber;
    private WatchedFolder folder;
    private String ffmpeg;
    private PluginStateFile stateFile;
    /** Written to the state: what the captures so far returned. */
    private final Map<String, Read> saved = new ConcurrentHashMap<>();
    /** What the worker has read (saved, and what waits in {@link #finished}). */
    private final Map<String, Read> handled = new ConcurrentHashMap<>();
    private final BlockingQueue<Result> finished = new LinkedBlockingQueue<>();
    private boolean unsaved;
    private final Semaphore look = new Semaphore(0);
    private Thread worker;
    private volatile boolean closing;
    private volatile String problem;

    @Override
    public String id() {
        return JournalEntry.PLUGIN_ID;
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings s = context.settings();
        ffmpeg = s.text("ffmpeg_command");
        Optional<String> missing = AudioFiles.missingDecoder(ffmpeg);
        if (missing.isPresent()) {
            throw new CaptureException(missing.get());
        }
        Path root = expand(s.text("folder"));
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                LOG.info("{}: made the folder {} for recordings", id(), root);
            }
        } catch (IOException e) {
            throw new CaptureException("folder: cannot make " + root + " (" + e.getMessage() + "); set \"folder\" to "
                    + "the folder your recordings arrive in", e);
        }
        if (!Files.isReadable(root)) {
            throw new CaptureException("folder: " + root + " cannot be read");
        }
        folder = new WatchedFolder(root);
        if (transcriber == null) {
            transcriber = Transcriber.open(s.text("engine"), s.text("model_path"), s.text("language"),
                    s.text("pocketsphinx_command"));
            LOG.info("{}: watching {}, transcribing with {}", id(), root, transcriber.describe());
        }
        stateFile = PluginStateFile.of(context);
        JsonNode state = stateFile.read();
        state.path("files").properties().forEach(file -> {
            Read read = new Read(file.getValue().path("signature").asText(),
                    file.getValue().path("raw_ref").isTextual() ? file.getValue().path("raw_ref").asText() : null);
            saved.put(file.getKey(), read);
            handled.put(file.getKey(), read);
        });
        if (worker == null || !worker.isAlive()) {
            worker = new Thread(this::work, "voice-journal");
            worker.setDaemon(true);
            worker.start();
        }
    }

    @Override
    public List<Event> capture() throws CaptureException {
        if (unsaved) {
            // what the last capture returned is in the agent's spool now
            ObjectNode state = JSON.createObjectNode();
            ObjectNode files = state.putObject("files");
            saved.forEach((name, read) -> files.putObject(name).put("signature", read.signature())
                    .put("raw_ref", read.rawRef()));
            stateFile.write(state);
            unsaved = false;
        }
        List<Event> events = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        finished.drainTo(results);
        for (Result result : results) {
            saved.put(result.name(), result.read());
            unsaved = true;
            context.count(result.outcome());
            if (result.event() != null) {
                events.add(result.event());
            }
        }
        if (look.availablePermits() == 0) {
            look.release();
        }
        String failure = problem;
        if (failure != null && events.isEmpty()) {
            problem = null;
            throw new CaptureException(failure);
        }
        return events;
    }

    private void work() {
        while (!closing) {
            try {
                if (!look.tryAcquire(1, TimeUnit.MINUTES)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            look.drainPermits();
            if (!context.mayCapture()) {
                continue;
            }
            try {
                for (WatchedFolder.Found file : folder.settled(context.clock().instant())) {
                    Read before = handled.get(file.name());
                    if (before != null && before.signature().equals(file.signature())) {
                        continue;
                    }
                    if (closing || !context.mayCapture()) {
                        break;
                    }
                    read(file, before);
                }
            } catch (IOException e) {
                problem = "cannot read the folder " + folder.root() + ": " + e.getMessage();
            }
        }
    }

    private void read(WatchedFolder.Found file, Read before) {
        String rawRef;
        try {
            rawRef = AudioFiles.rawRef(file.path());
        } catch (CaptureException e) {
            return; // gone or unreadable for now: looked at again next time
        }
        if (before != null && rawRef.equals(before.rawRef())) {
            finish(file, new Read(file.signature(), rawRef), null, "unchanged");
            return;
        }
        Transcribed imported;
        try {
            imported = AudioFiles.transcribe(file.path(), rawRef, ffmpeg, transcriber, () -> !closing
                    && context.mayCapture());
        } catch (CaptureException e) {
            if (closing || !context.mayCapture()) {
                return; // paused or stopping: the file is read again later
            }
            LOG.warn("{}: {}", id(), e.getMessage());
            finish(file, new Read(file.signature(), before == null ? null : before.rawRef()), null, "unreadable");
            return;
        }
        if (imported.failedPieces() > 0) {
            context.count("failed", imported.failedPieces());
            LOG.warn("{}: {} of {} pieces of {} could not be transcribed: {}", id(), imported.failedPieces(),
                    imported.pieces(), file.name(), imported.failure());
        }
        JournalEntry entry = imported.entry();
        if (entry == null) {
            finish(file, new Read(file.signature(), before == null ? null : before.rawRef()), null, "no_words");
            return;
        }
        Event event = new Event(JournalEntry.SOURCE_TYPE, entry.timestamp(), entry.data(), entry.rawRef());
        if (before != null && before.rawRef() != null) {
            event = event.replacing(List.of(before.rawRef()));
        }
        finish(file, new Read(file.signature(), entry.rawRef()), event, "recordings");
    }

    private void finish(WatchedFolder.Found file, Read read, Event event, String outcome) {
        handled.put(file.name(), read);
        finished.add(new Result(file.name(), read, event, outcome));
    }

    static Path expand(String folder) {
        String home = System.getProperty("user.home");
        return folder.equals("~") ? Path.of(home) : folder.startsWith("~/") ? Path.of(home, folder.substring(2))
                : Path.of(folder);
    }

    @Override
    public void close() {
        closing = true;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (transcriber != null) {
            transcriber.close();
        }
    }
}
