package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Map;
import kr.dure.common.ConflictException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.ValidationException;
import org.junit.jupiter.api.Test;

class PageErrorsTest {

  private final Messages messages = new Messages();

  @Test
  void broken_rules_read_as_plain_sentences_with_their_numbers() {
    UnprocessableException refused = new UnprocessableException(List.of(
        new UnprocessableException.Violation("notice", "rule.notice", "Book at least 90 minutes ahead.", new JsonObject().put("minutes", 90)),
        new UnprocessableException.Violation("weeklyQuota", "rule.weeklyQuota", "over",
            new JsonObject().put("quota", 10).put("used", 8.0).put("asked", 2.5))));
    JsonObject ko = PageErrors.describe(messages, "ko", refused, Map.of(), Map.of());
    assertThat(ko.getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("시작 1시간 30분 전까지만 예약할 수 있습니다. 더 늦은 시각을 고르세요.");
    assertThat(ko.getJsonArray("errors").getJsonObject(1).getString("message")).contains("한도 10, 이미 예약 8, 이번 요청 2.5");
    JsonObject en = PageErrors.describe(messages, "en", refused, Map.of(), Map.of());
    assertThat(en.getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("Book at least 1 h 30 min before the start. Choose a later time.");
  }

  @Test
  void field_errors_carry_their_label_and_point_at_their_input() {
    ValidationException invalid = ValidationException.of("start", "validation.required", "start is required.");
    JsonObject shown = PageErrors.describe(messages, "ko", invalid, Map.of("start", "booking.field.start"), Map.of("start", "startDate"));
    assertThat(shown.getJsonArray("errors").getJsonObject(0))
        .isEqualTo(new JsonObject().put("field", "startDate").put("message", "시작: 필수 입력 항목입니다."));
    assertThat(shown.getJsonObject("fieldErrors").getString("startDate")).isEqualTo("필수 입력 항목입니다.");
  }

  @Test
  void a_transaction_lost_to_a_concurrent_one_becomes_try_again_not_a_500() {
    Throwable deadlock = new PgException("deadlock detected", "ERROR", "40P01", null);
    assertThat(PageErrors.contention(deadlock)).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) PageErrors.contention(deadlock)).messageKey()).isEqualTo("conflict.busy");
    Throwable other = new PgException("syntax", "ERROR", "42601", null);
    assertThat(PageErrors.contention(other)).isSameAs(other);
  }
}
