package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** The ministry creates and edits calls on pages and through PUT /api/v1/calls/{id}, validated by the field. */
class CallAdminPagesTest {

  private static final Api API = new Api();
  private static final String MINISTRY = "ministry@dure.demo";
  private final TestApp app = TestApp.get();
  private final LocalDate today = LocalDate.now(Api.SEOUL);

  private JsonObject body(String title) {
    return new JsonObject().put("programId", API.count("SELECT min(id) FROM program")).put("titleKo", title)
        .put("opensOn", today.minusDays(2).toString()).put("closesOn", today.plusDays(10).toString()).put("projectsToSelect", 3)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L);
  }

  private long create(String title) {
    var created = API.post("/api/v1/calls", MINISTRY, body(title));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  private static JsonArray criteria(int... weights) {
    String[] codes = {"MODEL", "CIRCULATION", "FEASIBILITY", "BRANDING", "OUTCOMES"};
    JsonArray out = new JsonArray();
    for (int i = 0; i < weights.length; i++) {
      out.add(new JsonObject().put("code", codes[i]).put("nameKo", "기준 " + i).put("weight", weights[i]));
    }
    return out;
  }

  @Test
  void put_updates_a_call_and_refuses_bad_input_by_the_field_writing_nothing() {
    long id = create("API 수정 공고 " + System.nanoTime());
    JsonObject update = body("API 수정됨").put("closesOn", today.plusDays(20).toString()).put("projectsToSelect", 2)
        .put("minLocalSmes", 4).put("eligibleStatuses", new JsonArray().add("DECLINING"))
        .put("reviewCriteria", criteria(40, 30, 30))
        .put("budgetCategories", new JsonArray().add(new JsonObject().put("code", "PROMOTION").put("nameKo", "홍보비")));
    HttpResponse<Buffer> ok = API.put("/api/v1/calls/" + id, MINISTRY, update);
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    JsonObject saved = API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject();
    assertThat(saved.getString("titleKo")).isEqualTo("API 수정됨");
    assertThat(saved.getInteger("projectsToSelect")).isEqualTo(2);
    assertThat(saved.getInteger("minLocalSmes")).isEqualTo(4);
    assertThat(saved.getJsonArray("eligibleStatuses")).containsExactly("DECLINING");
    assertThat(saved.getJsonArray("reviewCriteria")).hasSize(3);
    assertThat(saved.getJsonArray("budgetCategories")).hasSize(1);

    HttpResponse<Buffer> weights = API.put("/api/v1/calls/" + id, MINISTRY, body("바뀌면 안 됨").put("reviewCriteria", criteria(40, 30, 20)));
    assertThat(weights.statusCode()).isEqualTo(400);
    assertThat(weights.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("reviewCriteria");
    assertThat(weights.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("validation.weightsSum");
    HttpResponse<Buffer> caps = API.put("/api/v1/calls/" + id, MINISTRY, body("바뀌면 안 됨").put("totalCapWon", 400_000_000L));
    assertThat(caps.statusCode()).isEqualTo(400);
    assertThat(caps.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("totalCapWon");
    HttpResponse<Buffer> window = API.put("/api/v1/calls/" + id, MINISTRY, body("바뀌면 안 됨").put("closesOn", today.minusDays(5).toString()));
    assertThat(window.statusCode()).isEqualTo(400);
    assertThat(window.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("closesOn");
    HttpResponse<Buffer> duplicate = API.put("/api/v1/calls/" + id, MINISTRY, body("바뀌면 안 됨").put("reviewCriteria", new JsonArray()
        .add(new JsonObject().put("code", "MODEL").put("nameKo", "a").put("weight", 50))
        .add(new JsonObject().put("code", "MODEL").put("nameKo", "b").put("weight", 50))));
    assertThat(duplicate.statusCode()).isEqualTo(400);
    assertThat(API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject()).isEqualTo(saved);

    assertThat(API.put("/api/v1/calls/" + id, "goesan@dure.demo", update).statusCode()).isEqualTo(403);
    assertThat(API.put("/api/v1/calls/999999999", MINISTRY, update).statusCode()).isEqualTo(404);
  }

  @Test
  void after_a_submission_only_titles_and_descriptions_change_and_rule_changes_are_409() {
    long id = create("잠금 공고 " + System.nanoTime());
    long app1 = API.post("/api/v1/applications", "goesan@dure.demo", new JsonObject().put("callId", id)).bodyAsJsonObject().getLong("id");
    JsonArray members = new JsonArray();
    for (String[] m : new String[][] {{"가공", "418-81-00122"}, {"판매", "418-81-00234"}, {"주방", "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "43760"));
    }
    API.put("/api/v1/applications/" + app1, "goesan@dure.demo", new JsonObject().put("title", "잠금").put("members", members)
        .put("budget", new JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(API.post("/api/v1/applications/" + app1 + "/submit", "goesan@dure.demo", null).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> locked = API.put("/api/v1/calls/" + id, MINISTRY, body("잠금 공고").put("nationalCapWon", 200_000_000L));
    assertThat(locked.statusCode()).isEqualTo(409);
    assertThat(locked.bodyAsJsonObject().getString("detail")).contains("1 application(s) have been submitted").contains("nationalCapWon");
    assertThat(locked.bodyAsJsonObject().getJsonArray("fields")).containsExactly("nationalCapWon");
    assertThat(API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject().getLong("nationalCapWon")).isEqualTo(300_000_000L);

    HttpResponse<Buffer> wording = API.put("/api/v1/calls/" + id, MINISTRY, body("잠금 공고 (수정)").put("descriptionKo", "설명을 보완했습니다."));
    assertThat(wording.statusCode()).as(wording.bodyAsString()).isEqualTo(200);
    assertThat(wording.bodyAsJsonObject().getString("descriptionKo")).isEqualTo("설명을 보완했습니다.");

    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    String form = ministry.get("/ministry/calls/" + id + "/edit").send().await().bodyAsString();
    HttpResponse<Buffer> page = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(form).set("localMinWon", "100000000")).await();
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.bodyAsString()).contains("제출된 신청서가 1건 있어 제목과 설명만 고칠 수 있습니다").contains("지방비 최소(원)");
  }

  /** The inputs of a rendered call form, as the browser would send them. */
  private static MultiMap formOf(String html) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input id=\"[^\"]*\" name=\"([^\"]+)\" type=\"(?:text|date)\"[^>]*? value=\"([^\"]*)\"")
        .matcher(html);
    while (m.find()) {
      form.add(m.group(1), unescape(m.group(2)));
    }
    java.util.regex.Matcher boxes = java.util.regex.Pattern.compile("name=\"(eligibleStatuses|requireSupportHistory)\" value=\"([^\"]+)\" checked").matcher(html);
    while (boxes.find()) {
      form.add(boxes.group(1), boxes.group(2));
    }
    java.util.regex.Matcher text = java.util.regex.Pattern.compile("<textarea id=\"(description(?:Ko|En))\" name=\"[^\"]+\" rows=\"\\d\">([^<]*)</textarea>").matcher(html);
    while (text.find()) {
      form.add(text.group(1), unescape(text.group(2)));
    }
    return form.add("X-CSRF-Token", TestApp.csrfFrom(html));
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#x3D;", "=")
        .replace("&#x60;", "`").replace("&amp;", "&");
  }

  @Test
  void the_ministry_lists_creates_and_edits_calls_on_pages_refused_by_the_field() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    String home = ministry.get("/ministry").send().await().bodyAsString();
    assertThat(home).contains("href=\"/ministry/calls\"").contains("공고 관리");

    String blank = ministry.get("/ministry/calls/new").send().await().bodyAsString();
    assertThat(blank).contains("for=\"titleKo\"").contains("for=\"cr0-weight\"").contains("value=\"PERSONNEL\"");
    String title = "페이지 공고 " + System.nanoTime();
    MultiMap create = formOf(blank).set("titleKo", title).set("opensOn", today.toString()).set("closesOn", today.plusDays(14).toString())
        .set("programId", String.valueOf(API.count("SELECT min(id) FROM program")));
    HttpResponse<Buffer> created = ministry.post("/ministry/calls/new").sendForm(create).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(303);
    String location = created.getHeader("Location");
    assertThat(location).matches("/ministry/calls/\\d+/edit\\?saved=1");
    long id = Long.parseLong(location.replaceAll("\\D+(\\d+)/edit.*", "$1"));
    assertThat(API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject().getJsonArray("reviewCriteria")).hasSize(5);
    assertThat(ministry.get("/ministry/calls").send().await().bodyAsString()).contains(title)
        .contains("href=\"/ministry/calls/" + id + "/edit\"");

    String edit = ministry.get(location).send().await().bodyAsString();
    assertThat(edit).contains("공고를 저장했습니다").contains("value=\"" + title + "\"");
    JsonObject before = API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject();

    HttpResponse<Buffer> weights = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(edit).set("cr0-weight", "35")).await();
    // the CSRF token rotates on every post: each next post carries the one of the page the last answer showed
    assertThat(weights.statusCode()).isEqualTo(400);
    assertThat(weights.bodyAsString()).contains("id=\"cr0-weight-error\"").contains("배점의 합이 100이 되어야 합니다").contains("value=\"35\"");
    HttpResponse<Buffer> window = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(edit)
        .set("X-CSRF-Token", TestApp.csrfFrom(weights.bodyAsString())).set("closesOn", today.minusDays(1).toString())).await();
    assertThat(window.statusCode()).isEqualTo(400);
    assertThat(window.bodyAsString()).contains("id=\"closesOn-error\"").contains("접수 마감일:");
    HttpResponse<Buffer> caps = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(edit)
        .set("X-CSRF-Token", TestApp.csrfFrom(window.bodyAsString())).set("nationalCapWon", "400,000,000")).await();
    assertThat(caps.statusCode()).isEqualTo(400);
    assertThat(caps.bodyAsString()).contains("id=\"totalCapWon-error\"");
    HttpResponse<Buffer> badCode = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(edit)
        .set("X-CSRF-Token", TestApp.csrfFrom(caps.bodyAsString())).set("cat2-code", "bad code!")).await();
    assertThat(badCode.statusCode()).isEqualTo(400);
    assertThat(badCode.bodyAsString()).contains("id=\"cat2-code-error\"").contains("비목 3행");
    assertThat(API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject()).isEqualTo(before);

    HttpResponse<Buffer> saved = ministry.post("/ministry/calls/" + id + "/edit").sendForm(formOf(edit)
        .set("X-CSRF-Token", TestApp.csrfFrom(badCode.bodyAsString())).set("cr0-weight", "35").set("cr1-weight", "20").set("projectsToSelect", "2").set("cat5-code", "").set("cat5-nameKo", "")
        .set("cat5-nameEn", "")).await();
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(303);
    JsonObject after = API.get("/api/v1/calls/" + id, MINISTRY).bodyAsJsonObject();
    assertThat(after.getInteger("projectsToSelect")).isEqualTo(2);
    assertThat(after.getJsonArray("reviewCriteria").getJsonObject(0).getDouble("weight")).isEqualTo(35.0);
    assertThat(after.getJsonArray("budgetCategories")).hasSize(5);

    assertThat(app.browserSignedInAs("goesan@dure.demo").get("/ministry/calls").send().await().statusCode()).isEqualTo(403);
    assertThat(app.browserSignedInAs("goesan@dure.demo").get("/ministry/calls/" + id + "/edit").send().await().statusCode()).isEqualTo(403);
  }

  @Test
  void a_rule_change_racing_a_submission_never_lets_both_through() {
    for (int round = 0; round < 4; round++) {
      long id = create("경합 공고 " + System.nanoTime());
      long application = API.post("/api/v1/applications", "goesan@dure.demo", new JsonObject().put("callId", id))
          .bodyAsJsonObject().getLong("id");
      JsonArray members = new JsonArray();
      for (String[] m : new String[][] {{"가공", "418-81-00122"}, {"판매", "418-81-00234"}, {"주방", "418-86-00340"}}) {
        members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "43760"));
      }
      API.put("/api/v1/applications/" + application, "goesan@dure.demo", new JsonObject().put("title", "경합").put("members", members)
          .put("budget", new JsonArray()
              .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 250_000_000L))
              .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
      // a lower national cap would make the application ineligible
      var edit = API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/calls/" + id, MINISTRY)
          .sendJsonObject(body("경합 공고").put("nationalCapWon", 200_000_000L));
      var submit = API.postAsync("/api/v1/applications/" + application + "/submit", "goesan@dure.demo", new JsonObject());
      io.vertx.core.Future.join(edit, submit).await();
      int edited = edit.result().statusCode();
      int submitted = submit.result().statusCode();
      assertThat(edited == 200 && submitted == 422 || edited == 409 && submitted == 200)
          .as("edit " + edited + ", submit " + submitted).isTrue();
    }
  }
}
