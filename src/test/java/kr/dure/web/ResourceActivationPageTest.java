package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Coordinators deactivate and reactivate resources from the editor; deactivated ones stay listed for them only. */
class ResourceActivationPageTest {

  private final Api api = new Api();

  @Test
  void a_deactivated_resource_takes_no_bookings_and_can_be_opened_again() {
    long r = api.createResource("coordinator.imsil@dure.demo", "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    WebClientSession browser = TestApp.get().browserSignedInAs("coordinator.imsil@dure.demo");
    String csrf = TestApp.csrfFrom(browser.get("/coordinator/resources/" + r + "/edit").send().await().bodyAsString());
    var off = browser.post("/coordinator/resources/" + r + "/deactivate").sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf))
        .await();
    assertThat(off.statusCode()).isEqualTo(303);
    String list = browser.get("/coordinator/resources?project=" + api.projectId("P-2026-01")).send().await().bodyAsString();
    assertThat(list).contains("이용 중지됨");
    LocalDate day = api.workday(3);
    assertThat(api.post("/api/v1/bookings", "cheese@dure.demo", Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))).statusCode())
        .isEqualTo(404);
    String page = browser.get("/coordinator/resources/" + r + "/edit").send().await().bodyAsString();
    assertThat(page).contains("다시 열기");
    var on = browser.post("/coordinator/resources/" + r + "/activate")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(page))).await();
    assertThat(on.statusCode()).isEqualTo(303);
    assertThat(api.post("/api/v1/bookings", "cheese@dure.demo", Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))).statusCode())
        .isEqualTo(201);
    // another project's coordinator cannot
    WebClientSession other = TestApp.get().browserSignedInAs("coordinator.uiseong@dure.demo");
    String theirs = TestApp.csrfFrom(other.get("/coordinator/resources").send().await().bodyAsString());
    assertThat(other.post("/coordinator/resources/" + r + "/deactivate").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", theirs)).await().statusCode()).isEqualTo(404);
  }
}
