package dev.openclone.plugins.linuxscreen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the small programs the plugin relies on (xprop, xwininfo, xprintidle, tesseract), each with a deadline. */
final class Commands {

    /** What a program printed and how it ended; {@code missing} when it is not installed. */
    record Result(int exitCode, byte[] stdout, String stderr, boolean missing) {

        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return !missing && exitCode == 0;
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, byte[] stdin, Duration deadline) throws InterruptedException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // UTF-8 titles as UTF-8, not as octal escapes of the C locale.
            builder.environment().put("LC_ALL", "C.UTF-8");
            // Tesseract's OpenMP threads spin while they wait: on one small frame, one thread reads as fast for
            // half the CPU.
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            process = builder.start();
        } catch (IOException notFound) {
            return new Result(-1, new byte[0], notFound.getMessage(), true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread readOut = drain(process.getInputStream(), out);
        Thread readErr = drain(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException closedEarly) {
            // the program did not read all of it: its answer says why
        }
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
            return new Result(-2, new byte[0], command.get(0) + " took longer than " + deadline.toSeconds() + " s",
                    false);
        }
        readOut.join(2_000);
        readErr.join(2_000);
        return new Result(process.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8), false);
    }

    private static Thread drain(InputStream from, ByteArrayOutputStream to) {
        Thread reader = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ended) {
                // the process ended
            }
        }, "command-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
