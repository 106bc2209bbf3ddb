package dev.openclone.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Realistic ingest bodies, the same for a given seed: batches rotate through screen OCR, system audio, web and
 * music; texts are 200–400 bytes of words; every raw_ref is unique except for about 5% replays of events the
 * same worker sent before (same raw_ref, same data), which the server must skip.
 */
public final class Workload {

    static final String[] TYPES = {"screen_ocr", "audio_system", "web_browsing", "music"};
    private static final String[] WORDS = ("the roadmap meeting quarterly review budget design sprint release customer "
            + "feedback latency throughput database index vault memory notes capture screen audio transcript "
            + "agenda decision action item follow up deadline launch metrics dashboard search recall agent plugin "
            + "server client request response error retry backoff batch event source timeline privacy redaction "
            + "tenant key report draft email calendar travel lunch coffee call project team weekly status").split(" ");
    private static final double REPLAY_SHARE = 0.05;

    private final String prefix;
    private final String device;
    private final SplittableRandom random;
    private final double baseTime;
    private final java.util.Map<String, Deque<String>> recent = new java.util.HashMap<>();
    private long next;
    private int batchNo;

    /**
     * @param prefix   raw_ref prefix, unique per worker and run
     * @param device   the device_id of the batches
     * @param baseTime events fall in the hour before this time (seconds since the epoch)
     */
    public Workload(String prefix, String device, long seed, double baseTime) {
        this.prefix = prefix;
        this.device = device;
        this.random = new SplittableRandom(seed);
        this.baseTime = baseTime;
    }

    /**
     * A request body whose fresh events' raw_refs start with {@code prefix}, where {@code prefix} is
     * {@link Template#MARK}: {@link Template} rewrites it per request, so one body serves many requests.
     */
    public Template template(int size) {
        byte[] body = nextBatch(size);
        return new Template(body, Template.find(body));
    }

    /** A body that is sent again and again, each time with new raw_refs for its fresh events. */
    public static final class Template {
        /** The raw_ref prefix rewritten per request: 8 characters. */
        public static final String MARK = "~~~~~~~~";
        private final byte[] body;
        private final int[] marks;

        Template(byte[] body, int[] marks) {
            this.body = body;
            this.marks = marks;
        }

        static int[] find(byte[] body) {
            byte[] mark = ("\"" + MARK).getBytes(StandardCharsets.US_ASCII);
            java.util.List<Integer> found = new java.util.ArrayList<>();
            outer:
            for (int i = 0; i + mark.length <= body.length; i++) {
                for (int j = 0; j < mark.length; j++) {
                    if (body[i + j] != mark[j]) {
                        continue outer;
                    }
                }
                found.add(i + 1);
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The body with {@code sequence} (8 hex digits) as the fresh events' raw_ref prefix. */
        public byte[] with(long sequence) {
            byte[] hex = String.format("%08x", sequence).getBytes(StandardCharsets.US_ASCII);
            for (int mark : marks) {
                System.arraycopy(hex, 0, body, mark, 8);
            }
            return body;
        }
    }

    /** The next request body of {@code size} events. */
    public byte[] nextBatch(int size) {
        String type = TYPES[batchNo++ % TYPES.length];
        StringBuilder body = new StringBuilder(size * 420 + 256);
        body.append("{\"source_type\":\"").append(type).append("\",\"platform\":\"linux\",\"device_id\":\"")
                .append(device).append("\",\"plugin_id\":\"openclone-bench\",\"plugin_version\":\"1.0.0\",")
                .append("\"timestamp\":").append(baseTime).append(",\"events\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            Deque<String> sameType = recent.computeIfAbsent(type, t -> new ArrayDeque<>());
            boolean replay = random.nextDouble() < REPLAY_SHARE;
            String event;
            if (replay && prefix.equals(Template.MARK)) {
                // In a template: a raw_ref that is never rewritten, so every resend replays a stored event.
                event = freshEvent(type, "replay-" + device);
            } else if (replay && !sameType.isEmpty()) {
                event = sameType.peekLast();
            } else {
                event = freshEvent(type, prefix);
            }
            body.append(event);
        }
        body.append("]}");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String freshEvent(String type, String refPrefix) {
        long id = next++;
        double at = baseTime - random.nextInt(3600) - random.nextDouble();
        StringBuilder event = new StringBuilder(480);
        event.append("{\"timestamp\":").append(at).append(",\"raw_ref\":\"").append(refPrefix).append('-').append(id)
                .append("\",\"data\":{");
        switch (type) {
            case "screen_ocr" -> event.append("\"app_name\":\"Code\",\"window_title\":\"notes ").append(id)
                    .append("\",\"text\":\"").append(words(200 + random.nextInt(200))).append('"');
            case "audio_system" -> event.append("\"app_name\":\"Meet\",\"duration\":30,\"confidence\":0.93,")
                    .append("\"text\":\"").append(words(200 + random.nextInt(200))).append('"');
            case "web_browsing" -> event.append("\"url\":\"https://example.com/article/").append(id)
                    .append("\",\"title\":\"").append(words(40)).append("\",\"reading_time\":")
                    .append(random.nextInt(600)).append(",\"excerpt\":\"").append(words(150 + random.nextInt(150)))
                    .append('"');
            default -> event.append("\"track\":\"").append(words(20)).append("\",\"artist\":\"")
                    .append(words(12)).append("\",\"album\":\"").append(words(16)).append("\",\"duration\":")
                    .append(120 + random.nextInt(300));
        }
        String json = event.append("}}").toString();
        Deque<String> sameType = recent.computeIfAbsent(type, t -> new ArrayDeque<>());
        sameType.addFirst(json);
        if (sameType.size() > 1000) {
            sameType.removeLast();
        }
        return json;
    }

    /** About {@code bytes} bytes of words. */
    private String words(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 16);
        while (text.length() < bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
