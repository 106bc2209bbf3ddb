package dev.openclone.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccurrencesTest {

    static final String ICS = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//OpenClone test//EN
            BEGIN:VTIMEZONE
            TZID:Europe/Berlin
            BEGIN:STANDARD
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:standup@example.com
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Berlin:20261020T093000
            DTEND;TZID=Europe/Berlin:20261020T094500
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6
            EXDATE;TZID=Europe/Berlin:20261103T093000
            SUMMARY:Team standup
            LOCATION:Room 4
            ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com
            ATTENDEE:mailto:bob@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:standup@example.com
            DTSTAMP:20261101T000000Z
            RECURRENCE-ID;TZID=Europe/Berlin:20261110T093000
            DTSTART;TZID=Europe/Berlin:20261110T110000
            DTEND;TZID=Europe/Berlin:20261110T111500
            SUMMARY:Team standup (moved)
            END:VEVENT
            BEGIN:VEVENT
            UID:standup@example.com
            DTSTAMP:20261101T000000Z
            RECURRENCE-ID;TZID=Europe/Berlin:20261117T093000
            DTSTART;TZID=Europe/Berlin:20261117T093000
            STATUS:CANCELLED
            SUMMARY:Team standup
            END:VEVENT
            BEGIN:VEVENT
            UID:holiday@example.com
            DTSTAMP:20261101T000000Z
            DTSTART;VALUE=DATE:20261103
            DTEND;VALUE=DATE:20261104
            SUMMARY:Day off
            END:VEVENT
            BEGIN:VEVENT
            UID:call@example.com
            DTSTAMP:20261101T000000Z
            DTSTART:20261105T150000Z
            DURATION:PT30M
            SUMMARY:Call with Tokyo
            END:VEVENT
            END:VCALENDAR
            """;

    @Test
    void recurrencesExpandedWithTheirExceptionsInTheirOwnTimeZone() throws IOException {
        ZoneId utc = ZoneId.of("UTC");
        List<Occurrence> all = Occurrences.of(ICS, "work", ZonedDateTime.parse("2026-10-01T00:00Z"),
                ZonedDateTime.parse("2026-12-01T00:00Z"), utc);
        List<Occurrence> standups = all.stream().filter(o -> o.key().startsWith("standup@")).toList();
        // 6 Tuesdays from Oct 20, Nov 3 excluded; Nov 10 moved; Nov 17 cancelled
        assertThat(standups).extracting(Occurrence::start).containsExactlyInAnyOrder(
                "2026-10-20T09:30+02:00", "2026-10-27T09:30+01:00", "2026-11-10T11:00+01:00",
                "2026-11-17T09:30+01:00", "2026-11-24T09:30+01:00");
        Occurrence moved = standups.stream().filter(o -> o.start().startsWith("2026-11-10")).findFirst().orElseThrow();
        assertThat(moved.title()).isEqualTo("Team standup (moved)");
        assertThat(moved.key()).isEqualTo("standup@example.com|2026-11-10T08:30:00Z");
        assertThat(standups.stream().filter(Occurrence::cancelled)).singleElement()
                .satisfies(o -> assertThat(o.start()).startsWith("2026-11-17"));
        Occurrence first = standups.stream().filter(o -> o.start().startsWith("2026-10-20")).findFirst().orElseThrow();
        assertThat(first.end()).isEqualTo("2026-10-20T09:45+02:00");
        assertThat(first.startEpoch()).isEqualTo(ZonedDateTime.parse("2026-10-20T07:30Z").toEpochSecond());
        assertThat(first.location()).isEqualTo("Room 4");
        assertThat(first.attendees()).containsExactly("Ada Lovelace", "bob@example.com");
        assertThat(all).filteredOn(o -> o.key().startsWith("holiday@")).singleElement()
                .satisfies(o -> assertThat(o.start()).isEqualTo("2026-11-03"));
        assertThat(all).filteredOn(o -> o.key().startsWith("call@")).singleElement()
                .satisfies(o -> assertThat(o.end()).isEqualTo("2026-11-05T15:30Z"));
    }

    @Test
    void onlyTheWindowsOccurrences() throws IOException {
        List<Occurrence> november = Occurrences.of(ICS, "work", ZonedDateTime.parse("2026-11-09T00:00Z"),
                ZonedDateTime.parse("2026-11-12T00:00Z"), ZoneId.of("UTC"));
        assertThat(november).extracting(Occurrence::title).containsExactly("Team standup (moved)");
    }

    @Test
    void notICalendarIsOneLineWithThePlace() {
        assertThatThrownBy(() -> Occurrences.of("BEGIN:VCALENDAR\nthis is not\n", "x",
                ZonedDateTime.parse("2026-11-09T00:00Z"), ZonedDateTime.parse("2026-11-12T00:00Z"), ZoneId.of("UTC")))
                .isInstanceOf(IOException.class).hasMessageStartingWith("not iCalendar: line ");
    }
}
