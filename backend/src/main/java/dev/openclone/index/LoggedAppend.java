package dev.openclone.index;



/**
 * A committed promise to add bytes to a vault file ({@code pending_appends}): the bytes go at {@code offset},
 * the first {@code prefixLength} of them being the file's header or a separating newline.
 *
 * @param header the header a new file starts with; null in rows logged before it was recorded
 */
public record LoggedAppend(long id, String file, long offset, int prefixLength, byte[] bytes, byte[] header) {
}
