package dev.openclone.plugin;

import dev.openclone.event.SourceType;
import dev.openclone.privacy.RedactionRule;
import dev.openclone.privacy.Redactor;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The seed's publishing checklist as a linter ({@code openclone plugin check DIR}): a valid manifest with known
 * source types, a README with install steps, an executable install script when there is one, no hard-coded keys
 * or personal data, and HIGH/CRITICAL plugins off by default. Each failure is one line saying what to change.
 */
public final class PluginChecker {

    private static final Pattern INSTALL_HEADING = Pattern.compile(
            "(?im)^#{1,6}\\s.*\\b(install|installation|setup|set up|getting started)\\b");
    private static final long MAX_SCANNED_BYTES = 1_048_576;
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "target", "dist", "build",
            ".venv", "__pycache__");
    private static final List<RedactionRule> HARD_CODED = List.of(
            new RedactionRule("OpenClone key", Pattern.compile("\\boc_[A-Za-z0-9_-]{43}\\b"), 0, s -> true),
            new RedactionRule("API key", Pattern.compile("(?i)x-api-key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_-]{16,})"),
                    1, s -> true),
            new RedactionRule("API key", Pattern.compile("(?i)\\bapi_?key[\"']?\\s*[:=]\\s*[\"']([A-Za-z0-9_-]{16,})"),
                    1, s -> true),
            new RedactionRule("email address", Pattern.compile(
                    "\\b[A-Za-z0-9._%+-]+@(?!example\\.(?:com|org|net)\\b)(?!localhost\\b)[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"
                            + "\\b"), 0, s -> true));

    private PluginChecker() {
    }

    /** The failures of the plugin in {@code dir}; empty when it passes. */
    public static List<String> check(Path dir) throws IOException {
        List<String> failures = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of(dir + ": not a folder");
        }
        if (!Files.isRegularFile(dir.resolve("plugin.json"))) {
            failures.add("plugin.json: missing (see docs/plugins.md, or start with: openclone plugin new ID)");
        } else {
            PluginCatalog.Entry entry = PluginCatalog.read(dir);
            entry.errors().forEach(error -> failures.add("plugin.json: " + error));
            entry.manifest().ifPresent(manifest -> offByDefault(manifest, failures));
        }
        readme(dir, failures);
        installScript(dir, failures);
        secrets(dir, failures);
        return failures;
    }

    private static void offByDefault(Manifest manifest, List<String> failures) {
        if (manifest.sensitivity().compareTo(SourceType.Sensitivity.HIGH) < 0) {
            return;
        }
        Manifest.ConfigField enabled = manifest.configSchema().get(Manifest.ENABLED);
        if (enabled == null || !enabled.defaultValue().isBoolean() || enabled.defaultValue().booleanValue()) {
            failures.add("plugin.json: sensitivity " + manifest.sensitivity() + " plugins must ship disabled: add "
                    + "config_schema \"" + Manifest.ENABLED + "\": {\"type\": \"boolean\", \"default\": false}");
        }
    }

    private static void readme(Path dir, List<String> failures) throws IOException {
        Path readme = dir.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            failures.add("README.md: missing (say what the plugin captures and how to install it)");
            return;
        }
        if (!INSTALL_HEADING.matcher(Files.readString(readme, StandardCharsets.UTF_8)).find()) {
            failures.add("README.md: no install steps (add a section such as \"## Install\" or \"## Setup\")");
        }
    }

    private static void installScript(Path dir, List<String> failures) throws IOException {
        Path script = dir.resolve("install.sh");
        if (!Files.exists(script)) {
            return;
        }
        if (!Files.isExecutable(script)) {
            failures.add("install.sh: not executable (run: chmod +x install.sh)");
        }
        String text = Files.readString(script, StandardCharsets.UTF_8);
        if (!text.startsWith("#!")) {
            failures.add("install.sh: no #! line (start it with #!/usr/bin/env bash)");
        }
    }

    private static void secrets(Path dir, List<String> failures) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !skipped(dir.relativize(p))).sorted().toList();
        }
        for (Path file : files) {
            if (Files.size(file) > MAX_SCANNED_BYTES) {
                continue;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException binary) {
                continue;
            }
            String name = dir.relativize(file).toString();
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (RedactionRule rule : rules()) {
                    Matcher m = rule.pattern().matcher(line);
                    while (m.find()) {
                        String value = m.group(rule.group());
                        if (rule.accept().test(value) && !placeholder(value) && !code(rule, value)) {
                            failures.add(name + ":" + (i + 1) + ": looks like a hard-coded " + rule.kind()
                                    + "; read it from the environment or the user's settings instead");
                            break;
                        }
                    }
                }
            }
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static List<RedactionRule> rules() {
        List<RedactionRule> rules = new ArrayList<>(Redactor.RULES);
        rules.addAll(HARD_CODED);
        return rules;
    }

    /** Obvious stand-ins in docs: your-api-key, xxxxxxxx, ${API_KEY}, <key>. */
    private static boolean placeholder(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        return v.contains("your") || v.contains("example") || v.chars().distinct().count() <= 2 || v.startsWith("$")
                || v.startsWith("<");
    }

    /**
     * Code rather than a value, for the generic {@code key: value} rule: an unquoted name without a digit, such as
     * {@code apiKey: string} or {@code apiKey: API_KEY} (a real secret written unquoted has digits).
     */
    private static boolean code(RedactionRule rule, String value) {
        return rule.kind().equals("secret") && !value.startsWith("\"") && !value.startsWith("'")
                && value.chars().noneMatch(Character::isDigit);
    }
}
