package dev.openclone.store;

/**
 * What a forget did.
 *
 * @param events events forgotten (tombstones now: a replay of one is skipped as a duplicate)
 * @param cut    their entries taken out of the daily files
 * @param kept   their entries left in a file, because a person changed them (or removed them already)
 * @param files  the daily files that were cut
 */
public record Forgotten(int events, int cut, int kept, java.util.List<String> files) {

    public Forgotten {
        files = java.util.List.copyOf(files);
    }
}
