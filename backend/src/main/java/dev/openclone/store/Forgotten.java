package dev.openclone.store;

import java.util.List;

/**
 * What a forget did.
 *
 * @param events events forgotten (tombstones now: a replay of one is skipped as a duplicate)
 * @param cut    their entries taken out of the daily files
 * @param kept   their entries left in a file, because a person changed them (or removed them already)
 * @param files  the daily files that were cut
 */
public record Forgotten(int events, int cut, int kept, List<String> files) {

    public Forgotten {
        files = List.copyOf(files);
    }
}
