package dev.openclone.cli;

import dev.openclone.backup.Restore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone restore IN.zip --vault DIR}: unpacks an export into a new vault folder. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Unpack an export (openclone export) into a new, empty vault folder.",
            "The vault files and its index, readable by you only. The search index is rebuilt at the first start.",
            "Then serve it: OPENCLONE_VAULT=DIR ./openclone serve, or add it as a tenant:",
            "openclone tenant add NAME --vault DIR."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored", "1:the archive could not be read", "2:bad usage (the reason is printed)"})
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IN.zip", description = "An export.")
    Path archive;

    @Option(names = "--vault", required = true, paramLabel = "DIR", description = "The vault folder to create "
            + "(new, or empty).")
    Path vault;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(archive)) {
            System.err.println("openclone: " + archive + " is not a file");
            return 2;
        }
        try (InputStream in = Files.newInputStream(archive)) {
            int files = Restore.into(in, vault);
            System.out.println("Restored " + files + " files into " + vault.toAbsolutePath().normalize()
                    + ". Serve it with: OPENCLONE_VAULT=" + vault + " ./openclone serve");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("openclone: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("openclone: cannot read " + archive + ": " + e.getMessage());
            return 1;
        }
    }
}
