package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Application attachments over the API and the wizard's upload form: types by content, size, names, who may read, frozen after submit. */
class AttachmentTest {

  private static final Api API = new Api();
  private static final String COUNTY = "goesan@dure.demo";
  private final TestApp app = TestApp.get();

  static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  static Buffer hwp() {
    Buffer b = Buffer.buffer(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
    b.appendBytes(new byte[504]);
    return b.appendString("HWP Document File").appendBytes(new byte[32]);
  }

  static Buffer hwpx() {
    byte[] mimetype = "application/hwp+zip".getBytes(StandardCharsets.US_ASCII);
    Buffer b = Buffer.buffer(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b.appendIntLE(0).appendIntLE(mimetype.length).appendIntLE(mimetype.length).appendShortLE((short) 8).appendShortLE((short) 0);
    return b.appendString("mimetype").appendBytes(mimetype).appendString("PK\u0003\u0004 rest of the archive");
  }

  static Buffer exe() {
    return Buffer.buffer("MZ\u0090\u0000\u0003\u0000\u0000\u0000This program cannot be run in DOS mode.");
  }

  /** A new call per test keeps one active application per county and call. */
  private static long draft() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    long call = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", API.count("SELECT min(id) FROM program"))
        .put("titleKo", "첨부 테스트 공고 " + System.nanoTime()).put("opensOn", today.minusDays(2).toString())
        .put("closesOn", today.plusDays(10).toString()).put("projectsToSelect", 2)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    var created = API.post("/api/v1/applications", COUNTY, new JsonObject().put("callId", call));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  private static HttpResponse<Buffer> upload(long id, String email, String type, String filename, Buffer bytes) {
    return API.request(HttpMethod.POST, "/api/v1/applications/" + id + "/attachments", email)
        .putHeader("Content-Type", type).addQueryParam("filename", filename).sendBuffer(bytes).await();
  }

  private static void submittable(long id) {
    JsonArray members = new JsonArray();
    for (String[] m : new String[][] {{"괴산유기농가공", "418-81-00122"}, {"괴산로컬푸드", "418-81-00234"}, {"괴산공유주방(주)", "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "43760"));
    }
    var saved = API.put("/api/v1/applications/" + id, COUNTY, new JsonObject().put("title", "첨부 테스트").put("members", members)
        .put("budget", new JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
  }

  @Test
  void pdf_hwp_hwpx_png_and_jpeg_are_accepted_by_content_and_listed_with_size() {
    long id = draft();
    HttpResponse<Buffer> pdf = upload(id, COUNTY, "application/pdf", "사업계획서.pdf", Buffer.buffer(PDF));
    assertThat(pdf.statusCode()).as(pdf.bodyAsString()).isEqualTo(201);
    assertThat(pdf.bodyAsJsonObject().getString("contentType")).isEqualTo("application/pdf");
    assertThat(pdf.bodyAsJsonObject().getInteger("sizeBytes")).isEqualTo(PDF.length);
    // the browser's claimed type does not matter: an HWP sent as octet-stream is still an HWP
    HttpResponse<Buffer> hwp = upload(id, COUNTY, "application/octet-stream", "참여확약서.hwp", hwp());
    assertThat(hwp.statusCode()).as(hwp.bodyAsString()).isEqualTo(201);
    assertThat(hwp.bodyAsJsonObject().getString("contentType")).isEqualTo("application/x-hwp");
    assertThat(upload(id, COUNTY, "application/octet-stream", "plan.hwpx", hwpx()).bodyAsJsonObject().getString("contentType"))
        .isEqualTo("application/vnd.hancom.hwpx");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    assertThat(upload(id, COUNTY, "image/png", "map.png", Buffer.buffer(png)).statusCode()).isEqualTo(201);
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    assertThat(upload(id, COUNTY, "image/jpeg", "photo.jpg", Buffer.buffer(jpeg)).statusCode()).isEqualTo(201);

    JsonArray list = API.get("/api/v1/applications/" + id + "/attachments", COUNTY).bodyAsJsonArray();
    assertThat(list).hasSize(5);
    assertThat(list.getJsonObject(0).getString("filename")).isEqualTo("사업계획서.pdf");

    HttpResponse<Buffer> download = API.get("/api/v1/applications/" + id + "/attachments/" + pdf.bodyAsJsonObject().getLong("id"), COUNTY);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("Content-Type")).isEqualTo("application/pdf");
    assertThat(download.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"_____.pdf\"; filename*=UTF-8''%EC%82%AC%EC%97%85%EA%B3%84%ED%9A%8D%EC%84%9C.pdf");
    assertThat(download.body().getBytes()).isEqualTo(PDF);

    WebClientSession browser = app.browserSignedInAs(COUNTY);
    String step4 = browser.get("/applications/" + id + "/step/4").send().await().bodyAsString();
    assertThat(step4).contains("첨부 서류").contains("사업계획서.pdf").contains(PDF.length + "바이트").contains("참여확약서.hwp")
        .contains("href=\"/applications/" + id + "/attachments/" + pdf.bodyAsJsonObject().getLong("id") + "\"");
    assertThat(browser.get("/applications/" + id + "/attachments/" + pdf.bodyAsJsonObject().getLong("id")).send().await().body().getBytes())
        .isEqualTo(PDF);
  }

  @Test
  void a_renamed_exe_an_oversize_file_a_word_document_and_an_eleventh_file_are_refused_and_nothing_is_stored() {
    long id = draft();
    HttpResponse<Buffer> renamed = upload(id, COUNTY, "application/pdf", "report.pdf", exe());
    assertThat(renamed.statusCode()).isEqualTo(400);
    assertThat(renamed.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("validation.attachmentType");
    // an OLE2 file that is not an HWP (a .doc) is refused too
    Buffer doc = Buffer.buffer(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1})
        .appendBytes(new byte[600]).appendString("WordDocument");
    assertThat(upload(id, COUNTY, "application/x-hwp", "plan.hwp", doc).statusCode()).isEqualTo(400);
    // a plain ZIP is not an HWPX
    assertThat(upload(id, COUNTY, "application/zip", "plan.hwpx", Buffer.buffer("PK\u0003\u0004 not hwpx at all, really not")).statusCode())
        .isEqualTo(400);
    Buffer big = Buffer.buffer(PDF).appendBytes(new byte[AttachmentService.SIZE_LIMIT - PDF.length + 1]);
    HttpResponse<Buffer> oversize = upload(id, COUNTY, "application/pdf", "big.pdf", big);
    assertThat(oversize.statusCode()).isEqualTo(400);
    assertThat(oversize.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("validation.attachmentSize");
    assertThat(upload(id, COUNTY, "application/pdf", "empty.pdf", Buffer.buffer()).statusCode()).isEqualTo(400);
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isZero();

    for (int i = 0; i < AttachmentService.COUNT_LIMIT; i++) {
      assertThat(upload(id, COUNTY, "application/pdf", "doc" + i + ".pdf", Buffer.buffer(PDF)).statusCode()).isEqualTo(201);
    }
    HttpResponse<Buffer> eleventh = upload(id, COUNTY, "application/pdf", "one-more.pdf", Buffer.buffer(PDF));
    assertThat(eleventh.statusCode()).isEqualTo(400);
    assertThat(eleventh.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("validation.attachmentCount");
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isEqualTo(10);
  }

  @Test
  void path_traversal_and_control_characters_are_removed_from_the_name() {
    long id = draft();
    HttpResponse<Buffer> traversal = upload(id, COUNTY, "application/pdf", "../../etc/x.pdf", Buffer.buffer(PDF));
    assertThat(traversal.statusCode()).isEqualTo(201);
    assertThat(traversal.bodyAsJsonObject().getString("filename")).isEqualTo("x.pdf");
    HttpResponse<Buffer> windows = upload(id, COUNTY, "application/pdf", "..\\..\\boot\\..ini\"\r\nX-Evil: 1.pdf", Buffer.buffer(PDF));
    assertThat(windows.bodyAsJsonObject().getString("filename")).isEqualTo("ini_X-Evil_ 1.pdf");
    HttpResponse<Buffer> control = upload(id, COUNTY, "application/pdf", "a\u0007b\u202Efdp.exe", Buffer.buffer(PDF));
    assertThat(control.bodyAsJsonObject().getString("filename")).isEqualTo("abfdp.exe.pdf");
    HttpResponse<Buffer> download = API.get("/api/v1/applications/" + id + "/attachments/" + windows.bodyAsJsonObject().getLong("id"), COUNTY);
    assertThat(download.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"ini_X-Evil_ 1.pdf\"; filename*=UTF-8''ini_X-Evil_%201.pdf");
    assertThat(download.getHeader("X-Evil")).isNull();
  }

  @Test
  void only_the_applicant_the_ministry_and_assigned_reviewers_read_attachments_and_they_freeze_on_submit() {
    long id = draft();
    long aid = upload(id, COUNTY, "application/pdf", "plan.pdf", Buffer.buffer(PDF)).bodyAsJsonObject().getLong("id");
    String path = "/api/v1/applications/" + id + "/attachments/" + aid;
    assertThat(API.get(path, "ministry@dure.demo").statusCode()).isEqualTo(200);
    assertThat(API.get(path, "imsil@dure.demo").statusCode()).isEqualTo(403);
    assertThat(API.get("/api/v1/applications/" + id + "/attachments", "imsil@dure.demo").statusCode()).isEqualTo(403);
    assertThat(API.get(path, "reviewer@dure.demo").statusCode()).isEqualTo(403);
    assertThat(API.get(path, "garlic@dure.demo").statusCode()).isEqualTo(403);
    assertThat(upload(id, "imsil@dure.demo", "application/pdf", "x.pdf", Buffer.buffer(PDF)).statusCode()).isEqualTo(403);
    assertThat(API.delete(path, "imsil@dure.demo").statusCode()).isEqualTo(403);
    assertThat(app.browserSignedInAs("imsil@dure.demo").get("/applications/" + id + "/attachments/" + aid).send().await().statusCode())
        .isEqualTo(403);
    assertThat(API.get("/api/v1/applications/" + id + "/attachments/999999999", COUNTY).statusCode()).isEqualTo(404);

    submittable(id);
    assertThat(API.post("/api/v1/applications/" + id + "/submit", COUNTY, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> frozen = upload(id, COUNTY, "application/pdf", "late.pdf", Buffer.buffer(PDF));
    assertThat(frozen.statusCode()).isEqualTo(409);
    assertThat(frozen.bodyAsJsonObject().getString("detail")).contains("SUBMITTED");
    assertThat(frozen.bodyAsJsonObject().getString("state")).isEqualTo("SUBMITTED");
    assertThat(API.delete(path, COUNTY).statusCode()).isEqualTo(409);
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isEqualTo(1);

    long reviewerId = API.userId("reviewer@dure.demo");
    assertThat(API.post("/api/v1/applications/" + id + "/reviewers", "ministry@dure.demo", new JsonObject().put("reviewerId", reviewerId))
        .statusCode()).isEqualTo(204);
    assertThat(API.get(path, "reviewer@dure.demo").statusCode()).isEqualTo(200);
    WebClientSession reviewer = app.browserSignedInAs("reviewer@dure.demo");
    assertThat(reviewer.get("/applications/" + id + "/attachments/" + aid).send().await().statusCode()).isEqualTo(200);
    assertThat(reviewer.get("/review/" + id).send().await().bodyAsString()).contains("plan.pdf")
        .contains("href=\"/applications/" + id + "/attachments/" + aid + "\"");

    // the page's upload form names the state on the 409 page
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    String done = browser.get("/applications/" + id + "/done").send().await().bodyAsString();
    assertThat(done).contains("plan.pdf");
    String csrf = TestApp.csrfFrom(done);
    HttpResponse<Buffer> page = browser.post("/applications/" + id + "/attachments").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", csrf).binaryFileUpload("file", "late.pdf", Buffer.buffer(PDF), "application/pdf")).await();
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.bodyAsString()).contains("‘심사 중’ 상태라서 첨부 서류를 바꿀 수 없습니다");
  }

  @Test
  void the_wizard_form_uploads_refuses_by_the_field_and_deletes() {
    long id = draft();
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    String step4 = browser.get("/applications/" + id + "/step/4").send().await().bodyAsString();
    assertThat(step4).contains("enctype=\"multipart/form-data\"").contains("action=\"/applications/" + id + "/attachments\"")
        .contains("for=\"file\"");
    HttpResponse<Buffer> uploaded = browser.post("/applications/" + id + "/attachments").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", TestApp.csrfFrom(step4)).binaryFileUpload("file", "계획서.hwp", hwp(), "application/octet-stream")).await();
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(303);
    assertThat(uploaded.getHeader("Location")).isEqualTo("/applications/" + id + "/step/4?attached=1#attachments");
    String after = browser.get("/applications/" + id + "/step/4?attached=1").send().await().bodyAsString();
    assertThat(after).contains("파일을 첨부했습니다").contains("계획서.hwp").contains("HWP");

    HttpResponse<Buffer> refused = browser.post("/applications/" + id + "/attachments").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", TestApp.csrfFrom(after)).binaryFileUpload("file", "setup.pdf", exe(), "application/pdf")).await();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("id=\"file-error\"").contains("PDF, HWP, HWPX, PNG, JPEG 파일만");
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isEqualTo(1);

    long aid = API.count("SELECT id FROM application_attachment WHERE application_id = $1", id);
    HttpResponse<Buffer> deleted = browser.post("/applications/" + id + "/attachments/" + aid + "/delete")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(refused.bodyAsString()))).await();
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isZero();
  }

  @Test
  void concurrent_uploads_never_pass_the_count_limit() {
    long id = draft();
    java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> all = new java.util.ArrayList<>();
    for (int i = 0; i < AttachmentService.COUNT_LIMIT + 4; i++) {
      all.add(API.request(HttpMethod.POST, "/api/v1/applications/" + id + "/attachments", COUNTY)
          .putHeader("Content-Type", "application/pdf").addQueryParam("filename", "race" + i + ".pdf").sendBuffer(Buffer.buffer(PDF)));
    }
    io.vertx.core.Future.join(all).await();
    long created = all.stream().filter(f -> f.result().statusCode() == 201).count();
    assertThat(created).isEqualTo(AttachmentService.COUNT_LIMIT);
    assertThat(all.stream().filter(f -> f.result().statusCode() == 400).count()).isEqualTo(4);
    assertThat(API.count("SELECT count(*) FROM application_attachment WHERE application_id = $1", id)).isEqualTo(AttachmentService.COUNT_LIMIT);
  }
}
