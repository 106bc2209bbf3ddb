package dev.openclone.search;

import dev.openclone.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The search index's folder, whose files are readable by their owner only (600) like the rest of the memory:
 * Lucene creates them with the process's default mode, so each is restricted as it is made (its lock file is made
 * owner-only by {@link SearchIndex} before Lucene takes it).
 */
final class OwnerOnlyDirectory extends NIOFSDirectory {

    OwnerOnlyDirectory(Path folder) throws IOException {
        super(folder);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput output = super.createOutput(name, context);
        OwnerOnly.restrict(getDirectory().resolve(name));
        return output;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput output = super.createTempOutput(prefix, suffix, context);
        OwnerOnly.restrict(getDirectory().resolve(output.getName()));
        return output;
    }
}
