package kr.dure.common;

import java.time.ZoneId;

/** Time is stored as instants and shown, opened, closed and counted in Korean local time. */
public final class Zones {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private Zones() {
  }
}
