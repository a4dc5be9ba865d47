package kr.dure.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** The two writers on a ReportTable, without HTTP: cell by cell, every column type. */
class CsvAndXlsxExportTest {

  private static final ReportTable TABLE = new ReportTable("t", "caption", List.of(
      new ReportTable.Column("a", ReportTable.Type.TEXT), new ReportTable.Column("b", ReportTable.Type.INTEGER),
      new ReportTable.Column("c", ReportTable.Type.MONEY), new ReportTable.Column("d", ReportTable.Type.PERCENT),
      new ReportTable.Column("e", ReportTable.Type.DATE), new ReportTable.Column("f", ReportTable.Type.DATETIME)),
      List.of(
          Arrays.asList("=HYPERLINK(\"x\")", 3L, 1_234_567L, 0.25, LocalDate.of(2026, 11, 2),
              OffsetDateTime.of(2026, 11, 2, 0, 30, 0, 0, ZoneOffset.UTC)),
          Arrays.asList("쉼표, \"따옴표\"", null, null, null, null, null)));
  private static final List<String> LABELS = List.of("이름", "수", "금액", "비율", "날짜", "시각");

  @Test
  void csv_starts_with_a_bom_quotes_commas_defuses_formulas_and_writes_seoul_iso_times() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CsvExport(out).write(TABLE, "caption", LABELS);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF이름,수,금액,비율,날짜,시각\r\n");
    assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\")\",3,1234567,0.25,2026-11-02,2026-11-02T09:30:00+09:00\r\n");
    assertThat(text).endsWith("\"쉼표, \"\"따옴표\"\"\",,,,,\r\n");
  }

  @Test
  void xlsx_keeps_types_and_formats_and_a_legal_sheet_name() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XlsxExport(out).write(TABLE, "월별: 이용료/명세 [2026]", LABELS);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()), new ReadingOptions(true, false))) {
      var sheet = wb.getFirstSheet();
      assertThat(sheet.getName()).isEqualTo("월별  이용료 명세  2026");
      List<Row> rows = sheet.read();
      Row r = rows.get(1);
      assertThat(r.getCell(0).getType()).isEqualTo(CellType.STRING);
      assertThat(r.getCell(0).asString()).isEqualTo("=HYPERLINK(\"x\")");
      assertThat(r.getCell(1).asNumber().intValue()).isEqualTo(3);
      assertThat(r.getCell(2).getDataFormatString()).isEqualTo("#,##0");
      assertThat(r.getCell(3).getDataFormatString()).isEqualTo("0.0%");
      assertThat(r.getCell(4).asDate().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 2));
      assertThat(r.getCell(5).asDate()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 2, 9, 30));
    }
    assertThat(XlsxExport.sheetName("x".repeat(40))).hasSize(31);
  }
}
