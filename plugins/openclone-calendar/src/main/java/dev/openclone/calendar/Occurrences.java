package dev.openclone.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * The occurrences of an iCalendar text's events in a window: recurring events expanded (RRULE, RDATE, EXDATE), an
 * occurrence changed on its own (a VEVENT with RECURRENCE-ID) taking its place, times read in their own zone
 * (TZID, with the file's VTIMEZONE or the tz database), floating times in {@code zone}, all-day events as dates.
 */
final class Occurrences {

    static {
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    }

    private Occurrences() {
    }

    /** @throws IOException with the line of the fault when the text is not iCalendar */
    static List<Occurrence> of(String ics, String calendarName, ZonedDateTime from, ZonedDateTime to, ZoneId zone)
            throws IOException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException e) {
            throw new IOException("not iCalendar: line " + e.getLineNo() + ": " + e.getMessage(), e);
        }
        Map<String, VEvent> masters = new LinkedHashMap<>();
        Map<String, Map<String, VEvent>> overrides = new HashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String uid = event.<Property>getProperty(Property.UID).map(Property::getValue).orElse(null);
            if (uid == null || event.getStartDate().isEmpty()) {
                continue;
            }
            Optional<Property> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
            if (recurrenceId.isPresent()) {
                overrides.computeIfAbsent(uid, u -> new HashMap<>())
                        .put(instantKey(((DateProperty<?>) recurrenceId.get()).getDate(), zone), event);
            } else {
                masters.put(uid, event);
            }
        }
        List<Occurrence> out = new ArrayList<>();
        Period<ZonedDateTime> window = new Period<>(from, to);
        for (Map.Entry<String, VEvent> master : masters.entrySet()) {
            String uid = master.getKey();
            Map<String, VEvent> changed = overrides.getOrDefault(uid, Map.of());
            Set<Period<Temporal>> periods = master.getValue().calculateRecurrenceSet(window);
            for (Period<Temporal> period : periods) {
                String key = instantKey(period.getStart(), zone);
                VEvent one = changed.get(key);
                if (one != null) {
                    occurrence(uid, key, one, null, calendarName, zone).ifPresent(out::add);
                } else {
                    occurrence(uid, key, master.getValue(), period, calendarName, zone).ifPresent(out::add);
                }
            }
            // an occurrence moved into the window from outside it
            for (Map.Entry<String, VEvent> moved : changed.entrySet()) {
                if (out.stream().noneMatch(o -> o.key().equals(uid + "|" + moved.getKey()))) {
                    occurrence(uid, moved.getKey(), moved.getValue(), null, calendarName, zone)
                            .filter(o -> o.startEpoch() >= from.toEpochSecond() && o.startEpoch() < to.toEpochSecond())
                            .ifPresent(out::add);
                }
            }
        }
        // a changed occurrence whose master is not in this text (a CalDAV server may send it alone)
        overrides.forEach((uid, changed) -> {
            if (!masters.containsKey(uid)) {
                changed.forEach((key, event) -> occurrence(uid, key, event, null, calendarName, zone)
                        .filter(o -> o.startEpoch() >= from.toEpochSecond() && o.startEpoch() < to.toEpochSecond())
                        .ifPresent(out::add));
            }
        });
        return out;
    }

    private static Optional<Occurrence> occurrence(String uid, String key, VEvent event, Period<Temporal> period,
            String calendarName, ZoneId zone) {
        Temporal start = period != null ? period.getStart() : event.getStartDate().orElseThrow().getDate();
        Temporal end = period != null ? period.getEnd()
                : event.getEndDate(true).map(d -> (Temporal) d.getDate()).orElse(start);
        String title = event.<Property>getProperty(Property.SUMMARY).map(Property::getValue).orElse("").strip();
        String location = event.<Property>getProperty(Property.LOCATION).map(Property::getValue).orElse("").strip();
        boolean cancelled = event.<Property>getProperty(Property.STATUS).map(Property::getValue)
                .map(s -> s.equalsIgnoreCase("CANCELLED")).orElse(false);
        List<String> attendees = new ArrayList<>();
        for (Attendee attendee : event.<Attendee>getProperties(Property.ATTENDEE)) {
            String name = attendee.<Cn>getParameter(Parameter.CN).map(Cn::getValue).orElse("").strip();
            String address = attendee.getValue().replaceFirst("(?i)^mailto:", "").strip();
            attendees.add(name.isEmpty() ? address : name);
        }
        return Optional.of(new Occurrence(uid + "|" + key, title.isEmpty() ? "(no title)" : title, iso(start, zone),
                iso(end, zone), epoch(start, zone), location, attendees, cancelled, calendarName));
    }

    /** An occurrence's identity: its instant (UTC) or, for an all-day event, its date. */
    private static String instantKey(Temporal t, ZoneId zone) {
        return t instanceof LocalDate date ? date.toString() : Instant.ofEpochSecond(epoch(t, zone)).toString();
    }

    private static String iso(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate date) {
            return date.toString();
        }
        return zoned(t, zone).toOffsetDateTime().toString();
    }

    private static long epoch(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate date) {
            return date.atStartOfDay(zone).toEpochSecond();
        }
        return zoned(t, zone).toEpochSecond();
    }

    private static ZonedDateTime zoned(Temporal t, ZoneId zone) {
        if (t instanceof ZonedDateTime z) {
            return z;
        }
        if (t instanceof OffsetDateTime o) {
            return o.toZonedDateTime();
        }
        if (t instanceof Instant i) {
            return i.atZone(java.time.ZoneOffset.UTC);
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone);
        }
        throw new IllegalArgumentException("unexpected time " + t);
    }
}
