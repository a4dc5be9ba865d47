package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** A resource's photo: uploaded by its coordinator (API or the editor form), checked to be an image, shown to members. */
class ResourcePhotoTest {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
  private final Api api = new Api();

  private HttpResponse<Buffer> put(String email, long id, String type, Buffer body) {
    return api.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/resources/" + id + "/photo", email)
        .putHeader("Content-Type", type).sendBuffer(body).await();
  }

  @Test
  void the_coordinator_uploads_a_real_image_and_members_see_it() {
    long r = api.createResource("coordinator.imsil@dure.demo", "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    assertThat(put("coordinator.imsil@dure.demo", r, "image/png", Buffer.buffer("<script>alert(1)</script>")).statusCode()).isEqualTo(400);
    assertThat(put("coordinator.imsil@dure.demo", r, "image/jpeg", Buffer.buffer(PNG)).statusCode()).isEqualTo(400);
    assertThat(put("cheese@dure.demo", r, "image/png", Buffer.buffer(PNG)).statusCode()).isEqualTo(403);
    assertThat(put("coordinator.uiseong@dure.demo", r, "image/png", Buffer.buffer(PNG)).statusCode()).isEqualTo(404);
    assertThat(put("coordinator.imsil@dure.demo", r, "image/png", Buffer.buffer(PNG)).statusCode()).isEqualTo(204);

    var photo = api.get("/api/v1/resources/" + r + "/photo", "cheese@dure.demo");
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(photo.body().getBytes()).isEqualTo(PNG);
    assertThat(api.get("/api/v1/resources/" + r + "/photo", "garlic@dure.demo").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/resources/" + r, "cheese@dure.demo").bodyAsJsonObject().getString("photoUrl"))
        .isEqualTo("/resources/" + r + "/photo");
    // the page shows it with a text alternative
    WebClientSession firm = TestApp.get().browserSignedInAs("cheese@dure.demo");
    assertThat(firm.get("/resources/" + r).send().await().bodyAsString()).contains("src=\"/resources/" + r + "/photo\"").contains("사진\"");
    assertThat(firm.get("/resources/" + r + "/photo").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void the_editor_form_uploads_a_photo_with_its_csrf_token() {
    long r = api.createResource("coordinator.imsil@dure.demo", "P-2026-01", "FACILITY", new JsonObject().put("capacity", 2)).getLong("id");
    WebClientSession browser = TestApp.get().browserSignedInAs("coordinator.imsil@dure.demo");
    String csrf = TestApp.csrfFrom(browser.get("/coordinator/resources/" + r + "/edit").send().await().bodyAsString());
    HttpResponse<Buffer> uploaded = browser.post("/coordinator/resources/" + r + "/photo").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", csrf).binaryFileUpload("photo", "kitchen.png", Buffer.buffer(PNG), "image/png")).await();
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(303);
    assertThat(api.get("/api/v1/resources/" + r, "cheese@dure.demo").bodyAsJsonObject().getString("photoUrl")).isNotEmpty();
    String again = TestApp.csrfFrom(browser.get("/coordinator/resources/" + r + "/edit").send().await().bodyAsString());
    HttpResponse<Buffer> notImage = browser.post("/coordinator/resources/" + r + "/photo").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", again).binaryFileUpload("photo", "notes.txt", Buffer.buffer("hello"), "text/plain")).await();
    assertThat(notImage.statusCode()).isEqualTo(400);
    assertThat(notImage.bodyAsString()).contains("JPEG, PNG 또는 WebP");
    HttpResponse<Buffer> noToken = browser.post("/coordinator/resources/" + r + "/photo").sendMultipartForm(MultipartForm.create()
        .binaryFileUpload("photo", "kitchen.png", Buffer.buffer(PNG), "image/png")).await();
    assertThat(noToken.statusCode()).isEqualTo(403);
  }
}
