package kr.dure.notify;

import biweekly.ICalVersion;
import biweekly.io.text.ICalWriter;
import biweekly.ICalendar;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.UtcOffset;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * Writes a feed as iCalendar (RFC 5545) with biweekly, which folds lines at 75 octets and escapes
 * text. Times are local Asia/Seoul times with {@code TZID=Asia/Seoul} and the zone's VTIMEZONE (KST,
 * UTC+9, no daylight saving since 1988), so every calendar app shows the booked local time.
 */
public final class CalendarFeedWriter {

  public static final String TZID = "Asia/Seoul";
  /**
   * RFC 5545 3.1 limits a line to 75 octets, but the writer folds by characters; a Hangul syllable is
   * 3 octets in UTF-8, so folding at 24 characters keeps every line, fold space included, within 75.
   */
  static final int FOLD_CHARACTERS = 24;

  private CalendarFeedWriter() {
  }

  /** One event of a feed, already in the words the subscriber may see. */
  public record Event(String uid, Instant start, Instant end, String summary, String location, String description,
      boolean cancelled, boolean tentative, int sequence, Instant lastModified, Instant created) {
  }

  public static String write(String calendarName, List<Event> events, Instant now) {
    ICalendar ical = new ICalendar();
    ical.setProductId("-//Dure//Dure booking calendar//KO");
    ical.setName(calendarName);
    ical.setExperimentalProperty("X-WR-CALNAME", calendarName);
    ical.setExperimentalProperty("X-WR-TIMEZONE", TZID);
    // how often calendar apps should poll (REFRESH-INTERVAL of RFC 7986 would need VALUE=DURATION, which the writer drops)
    ical.setExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
    ical.getTimezoneInfo().setDefaultTimezone(new TimezoneAssignment(TimeZone.getTimeZone(TZID), seoul()));
    for (Event e : events) {
      VEvent event = new VEvent();
      event.setUid(e.uid());
      event.setDateTimeStamp(Date.from(now));
      event.setDateStart(Date.from(e.start()));
      event.setDateEnd(Date.from(e.end()));
      event.setSummary(e.summary());
      if (e.location() != null && !e.location().isBlank()) {
        event.setLocation(e.location());
      }
      if (e.description() != null && !e.description().isBlank()) {
        event.setDescription(e.description());
      }
      event.setSequence(e.sequence());
      event.setLastModified(Date.from(e.lastModified()));
      event.setCreated(Date.from(e.created()));
      event.setStatus(e.cancelled() ? Status.cancelled() : e.tentative() ? Status.tentative() : Status.confirmed());
      // a cancelled booking no longer makes anyone busy
      event.setTransparency(e.cancelled());
      ical.addEvent(event);
    }
    java.io.StringWriter text = new java.io.StringWriter();
    try (ICalWriter writer = new ICalWriter(text, ICalVersion.V2_0)) {
      writer.getVObjectWriter().getFoldedLineWriter().setLineLength(FOLD_CHARACTERS);
      writer.write(ical);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Korea Standard Time: UTC+09:00 all year (the last daylight saving time ended in 1988). */
  static VTimezone seoul() {
    VTimezone zone = new VTimezone(TZID);
    StandardTime standard = new StandardTime();
    standard.setDateStart(new DateTimeComponents(1988, 10, 9, 3, 0, 0, false));
    standard.setTimezoneOffsetFrom(new UtcOffset(true, 10, 0));
    standard.setTimezoneOffsetTo(new UtcOffset(true, 9, 0));
    standard.addTimezoneName("KST");
    zone.addStandardTime(standard);
    return zone;
  }

}
