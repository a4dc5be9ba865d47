package kr.dure.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import kr.dure.common.Zones;

/** Dates, times and durations as pages show them: Korean local time, written the way each language reads it. */
public final class LocalTimes {

  private static final DateTimeFormatter KO_DAY = DateTimeFormatter.ofPattern("M월 d일 (E)", Locale.KOREAN);
  private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter KO_DATE = DateTimeFormatter.ofPattern("yyyy년 M월 d일 (E)", Locale.KOREAN);
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private LocalTimes() {
  }

  public static ZonedDateTime local(Instant instant) {
    return instant.atZone(Zones.SEOUL);
  }

  /** A day within a week view: "12월 7일 (월)", "Mon 7 Dec". */
  public static String day(LocalDate day, String lang) {
    return day.format("en".equals(lang) ? EN_DAY : KO_DAY);
  }

  /** A full date: "2026년 12월 7일 (월)", "Mon 7 Dec 2026". */
  public static String date(LocalDate day, String lang) {
    return day.format("en".equals(lang) ? EN_DATE : KO_DATE);
  }

  public static String clock(Instant instant) {
    return local(instant).format(CLOCK);
  }

  public static String dateTime(Instant instant, String lang) {
    return date(local(instant).toLocalDate(), lang) + " " + clock(instant);
  }

  /** A stretch of time, the date written once when it starts and ends on the same day. */
  public static String range(Instant start, Instant end, String lang) {
    ZonedDateTime s = local(start);
    ZonedDateTime e = local(end);
    boolean sameDay = s.toLocalDate().equals(e.toLocalDate())
        || e.toLocalDate().equals(s.toLocalDate().plusDays(1)) && e.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    if (sameDay) {
      String endClock = e.toLocalDate().equals(s.toLocalDate()) ? clock(end) : "24:00";
      return dateTime(start, lang) + "–" + endClock;
    }
    return dateTime(start, lang) + " – " + dateTime(end, lang);
  }

  /** Minutes in words: "1시간 30분", "1 h 30 min", whole days as days. */
  public static String duration(long minutes, String lang) {
    boolean en = "en".equals(lang);
    if (minutes >= 1440 && minutes % 1440 == 0) {
      long days = minutes / 1440;
      return en ? days + (days == 1 ? " day" : " days") : days + "일";
    }
    long h = minutes / 60;
    long m = minutes % 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) {
      out.append(h).append(en ? " h" : "시간");
    }
    if (m > 0 || h == 0) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(m).append(en ? " min" : "분");
    }
    return out.toString();
  }

  /** The value of an {@code <input type="date">}. */
  public static String inputDate(Instant instant) {
    return local(instant).toLocalDate().toString();
  }

  /** The value of an {@code <input type="time">}. */
  public static String inputTime(Instant instant) {
    return clock(instant);
  }
}
