package dev.openclone.http;

import java.util.List;

/**
 * One validation error in the FastAPI shape: where ({@code ["body","events",3,"timestamp"]}), what is wrong,
 * and a machine-readable type. Errors are values: the validator returns all of them at once.
 */
public record FieldError(List<Object> loc, String msg, String type) {

    public FieldError {
        loc = List.copyOf(loc);
    }
}
