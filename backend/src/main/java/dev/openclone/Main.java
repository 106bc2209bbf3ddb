package dev.openclone;
public final class Main { public static void main(String[] a) {} }
