package dev.openclone.config;

/** A setting with a bad value. Its message is the one line shown on stderr; start-up exits with code 2. */
public final class SettingsException extends Exception {

    public SettingsException(String message) {
        super(message);
    }
}
