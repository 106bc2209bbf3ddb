package dev.openclone.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone export [--tenant T] OUT.zip}: a tenant's memory, taken while the server runs, as one zip. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Save a tenant's memory to a zip while the server runs (a backup).",
            "A consistent copy of the index and every vault file as it was at that instant (readable by you only).",
            "Restore it with: openclone restore.",
            "Needs the owner's key (API_KEY). Server: OPENCLONE_URL, else the one serve recorded, else",
            "http://127.0.0.1:8000."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:saved", "1:the server could not be reached or refused", "2:bad usage (the reason is "
                + "printed)"})
public final class ExportCommand extends ClientCommand {

    @Parameters(paramLabel = "OUT.zip", description = "The file to write (it must not exist).")
    Path out;

    @Option(names = "--tenant", paramLabel = "NAME", description = "The tenant (default: the default tenant).")
    String tenant;

    @Override
    int run(ServerConnection server) throws Exception {
        if (!out.getFileName().toString().endsWith(".zip")) {
            System.err.println("openclone: " + out + ": the export is a zip; name it OUT.zip");
            return 2;
        }
        if (Files.exists(out)) {
            System.err.println("openclone: " + out + " exists: choose a new file name");
            return 2;
        }
        String path = "/api/v1/export" + (tenant == null ? "" : "?tenant=" + URLEncoder.encode(tenant,
                StandardCharsets.UTF_8));
        ServerConnection.Answer answer = server.download(path, out);
        if (answer.status() != 200) {
            System.err.println("openclone: the export was refused (" + answer.status() + "): " + answer.detail());
            return 1;
        }
        System.out.println("Saved the memory of tenant " + (tenant == null ? "default" : tenant) + " to " + out
                + " (" + Files.size(out) / 1024 + " KiB).");
        return 0;
    }
}
