package dev.openclone.plugins.linuxscreen;

/**
 * The window that has the focus: its X id, its application (the class part of {@code WM_CLASS}), its title
 * ({@code _NET_WM_NAME}, else {@code WM_NAME}) and where it is on the screen.
 */
record ActiveWindow(long id, String app, String title, int x, int y, int width, int height) {
}
