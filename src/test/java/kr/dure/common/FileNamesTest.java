package kr.dure.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cleaning an uploaded file's name, and naming a download. */
class FileNamesTest {

  @Test
  void the_name_keeps_its_last_segment_without_hidden_or_reserved_characters_and_ends_in_the_real_extension() {
    assertThat(FileNames.safe("../../etc/x.pdf", "pdf", "file", 150)).isEqualTo("x.pdf");
    assertThat(FileNames.safe("..\\..\\boot\\..ini\"\r\nX-Evil: 1;2.pdf", "pdf", "file", 150)).isEqualTo("ini_X-Evil_ 1_2.pdf");
    // a right-to-left override would show "exe.pdf" as "fdp.exe": it goes, and the real type is added
    assertThat(FileNames.safe("a\u0007b\u202Efdp.exe", "pdf", "file", 150)).isEqualTo("abfdp.exe.pdf");
    assertThat(FileNames.safe("사진.JPEG", "jpg", "file", 150)).isEqualTo("사진.JPEG");
    assertThat(FileNames.safe("  ...  ", "png", "deliverable", 150)).isEqualTo("deliverable.png");
    assertThat(FileNames.safe(null, "hwpx", "evidence", 150)).isEqualTo("evidence.hwpx");
  }

  @Test
  void a_long_name_is_cut_by_characters_not_bytes_before_the_extension() {
    String name = FileNames.safe("가".repeat(300) + ".pdf", "pdf", "file", 120);
    assertThat(name).isEqualTo("가".repeat(120) + ".pdf");
  }

  @Test
  void a_download_has_an_ascii_fallback_and_the_exact_name_encoded() {
    assertThat(FileNames.contentDisposition("보고서 1.hwpx"))
        .isEqualTo("attachment; filename=\"___ 1.hwpx\"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%201.hwpx");
    assertThat(FileNames.contentDisposition("a\"b\\c%d;e*.pdf"))
        .isEqualTo("attachment; filename=\"a_b_c_d_e*.pdf\"; filename*=UTF-8''a%22b%5Cc%25d%3Be%2A.pdf");
  }
}
