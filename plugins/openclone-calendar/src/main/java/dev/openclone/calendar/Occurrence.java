package dev.openclone.calendar;

import java.util.List;

/**
 * One occurrence of a calendar event as it is now: {@code key} is its identity across updates (the event's UID and
 * the occurrence's original start), {@code start}/{@code end} ISO-8601 (an offset date-time, or a date for an
 * all-day event), {@code startEpoch} its start in seconds.
 */
record Occurrence(String key, String title, String start, String end, long startEpoch, String location,
        List<String> attendees, boolean cancelled, String calendar) {
}
