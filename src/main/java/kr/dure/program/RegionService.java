package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.common.ConflictException;
import kr.dure.common.ValidationException;
import kr.dure.db.SqlErrors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The eligibility data the ministry keeps: region designations (versioned by validity dates, so a
 * re-review adds rows rather than rewriting history) and the 연고산업 support history, each
 * editable one by one or imported from CSV all-or-nothing.
 */
public final class RegionService {

  private static final String ON_DATE = """
      SELECT sgg_code, sido, sigungu, status, lower(valid_during) AS valid_from, upper(valid_during) - 1 AS valid_to, legal_basis, note
        FROM region_designation WHERE valid_during @> $1::date ORDER BY sgg_code
      """;
  private static final String INSERT = """
      INSERT INTO region_designation (sgg_code, sido, sigungu, status, valid_during, legal_basis, note)
      VALUES ($1, $2, $3, $4, daterange($5::date, $6::date, '[]'), $7, $8)
      """;

  // one region's versions, and ending the version in force when a new one starts
  private static final String HISTORY = """
      SELECT sgg_code, sido, sigungu, status, lower(valid_during) AS valid_from, upper(valid_during) - 1 AS valid_to, legal_basis, note
        FROM region_designation WHERE sgg_code = $1 ORDER BY lower(valid_during)
      """;
  private static final String END_CURRENT = """
      UPDATE region_designation SET valid_during = daterange(lower(valid_during), $2::date, '[)')
       WHERE sgg_code = $1 AND valid_during @> $2::date AND lower(valid_during) < $2::date
      RETURNING lower(valid_during) AS valid_from
      """;

  private static final String ALL_REGIONS = """
      SELECT DISTINCT ON (sgg_code) sgg_code, sido, sigungu FROM region_designation ORDER BY sgg_code, lower(valid_during) DESC
      """;

  private final Pool pool;
  private final EligibilityRepository eligibility;
  private final AuditLog audit;

  public RegionService(Pool pool, EligibilityRepository eligibility, AuditLog audit) {
    this.pool = pool;
    this.eligibility = eligibility;
    this.audit = audit;
  }

  /** A designation to add. {@code validTo} null: until further notice. */
  public record Designation(String sggCode, String sido, String sigungu, String status, LocalDate validFrom, LocalDate validTo,
      String legalBasis, String note) {
  }

  public Future<JsonArray> onDate(LocalDate day) {
    return pool.preparedQuery(ON_DATE).execute(Tuple.of(day)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("sggCode", r.getString("sgg_code")).put("sido", r.getString("sido"))
          .put("sigungu", r.getString("sigungu")).put("status", r.getString("status"))
          .put("validFrom", r.getLocalDate("valid_from").toString())
          .put("validTo", r.getLocalDate("valid_to") == null ? null : r.getLocalDate("valid_to").toString())
          .put("legalBasis", r.getString("legal_basis")).put("note", r.getString("note") == null ? "" : r.getString("note"))));
      return out;
    });
  }

  /** every region ever designated (code and latest name), by code: what a support-history entry can name. */
  public Future<List<JsonObject>> allRegions() {
    return pool.query(ALL_REGIONS).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject().put("sggCode", r.getString("sgg_code")).put("sido", r.getString("sido"))
          .put("sigungu", r.getString("sigungu"))));
      return out;
    });
  }

  /** every version of one region, oldest first (empty when the code is unknown). */
  public Future<List<JsonObject>> history(String sggCode) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(sggCode)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject().put("sggCode", r.getString("sgg_code")).put("sido", r.getString("sido"))
          .put("sigungu", r.getString("sigungu")).put("status", r.getString("status"))
          .put("validFrom", r.getLocalDate("valid_from").toString())
          .put("validTo", r.getLocalDate("valid_to") == null ? null : r.getLocalDate("valid_to").toString())
          .put("legalBasis", r.getString("legal_basis")).put("note", r.getString("note") == null ? "" : r.getString("note"))));
      return out;
    });
  }

  /**
   * adds a designation version; with {@code endCurrent} the version in force on its first day (begun earlier) ends the day
   * before, in the same transaction. Any other overlap is refused (409 conflict.designationOverlap), nothing written.
   */
  public Future<Void> addVersion(Designation d, boolean endCurrent, Actor actor) {
    if (!endCurrent) {
      return add(d, actor);
    }
    return pool.withTransaction(tx -> tx.preparedQuery(END_CURRENT).execute(Tuple.of(d.sggCode(), d.validFrom()))
        .compose(ended -> {
          Future<Void> audited = Future.succeededFuture();
          for (var r : ended) {
            audited = audited.compose(v -> audit.record(tx, actor, "region.endDesignation", "region", d.sggCode(),
                new JsonObject().put("validFrom", r.getLocalDate("valid_from").toString()).put("validTo", d.validFrom().minusDays(1).toString())));
          }
          return audited;
        })
        .compose(v -> insert(tx, d))
        .compose(v -> audit.record(tx, actor, "region.designate", "region", d.sggCode(),
            new JsonObject().put("status", d.status()).put("validFrom", d.validFrom().toString()))));
  }

  /** The largest CSV file an import page takes. */
  public static final long CSV_LIMIT = 10L * 1024 * 1024;

  /**
   * the text of an uploaded CSV file, checked by its bytes: not empty, at most 10 MiB, no binary content (spreadsheets,
   * PDFs, images, anything with NUL bytes), UTF-8 (with or without BOM) or else the CP949 Korean Excel saves by default.
   */
  public static String csvText(String field, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw ValidationException.of(field, "validation.csvMissing", "Choose a CSV file to import.");
    }
    if (bytes.length > CSV_LIMIT) {
      throw ValidationException.of(field, "validation.csvSize", "A CSV file may be at most 10 MiB.");
    }
    boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    boolean ole = bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF && bytes[2] == 0x11 && (bytes[3] & 0xff) == 0xE0;
    if (zip || ole) {
      throw ValidationException.of(field, "validation.csvSpreadsheet",
          "This is a spreadsheet file (xlsx/xls), not CSV: save it as 'CSV UTF-8' and upload that.");
    }
    for (byte b : bytes) {
      if (b == 0 || (b >= 1 && b < 32 && b != '\t' && b != '\n' && b != '\r')) {
        throw ValidationException.of(field, "validation.csvBinary", "This file is not a CSV text file.");
      }
    }
    for (java.nio.charset.Charset cs : List.of(java.nio.charset.StandardCharsets.UTF_8, java.nio.charset.Charset.forName("x-windows-949"))) {
      try {
        return cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        // try the next encoding
      }
    }
    throw ValidationException.of(field, "validation.csvBinary", "This file is not a CSV text file.");
  }

  public Future<Void> add(Designation d, Actor actor) {
    return pool.withTransaction(tx -> insert(tx, d).compose(v -> audit.record(tx, actor, "region.designate", "region", d.sggCode(),
        new JsonObject().put("status", d.status()).put("validFrom", d.validFrom().toString()))));
  }

  /** Imports designations from CSV (sgg_code,sido,sigungu,status,valid_from,valid_to,legal_basis); any bad line imports nothing. */
  public Future<Integer> importDesignations(String csv, Actor actor) {
    List<Designation> rows = new ArrayList<>();
    List<ValidationException.FieldError> errors = new ArrayList<>();
    for (CSVRecord r : parse(csv, "sgg_code", "sido", "sigungu", "status", "valid_from", "valid_to", "legal_basis")) {
      String line = "line " + (r.getRecordNumber() + 1);
      try {
        Designation d = new Designation(code(r.get("sgg_code")), required(r.get("sido")), required(r.get("sigungu")),
            status(r.get("status")), LocalDate.parse(r.get("valid_from").trim()),
            r.get("valid_to").isBlank() ? null : LocalDate.parse(r.get("valid_to").trim()), required(r.get("legal_basis")), null);
        if (d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
          throw new IllegalArgumentException("valid_to is before valid_from");
        }
        rows.add(d);
      } catch (RuntimeException e) {
        errors.add(new ValidationException.FieldError(line, "validation.csvLine", line + ": " + reason(e)));
      }
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ValidationException(errors));
    }
    return pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (Designation d : rows) {
        chain = chain.compose(v -> insert(tx, d));
      }
      return chain.compose(v -> audit.record(tx, actor, "region.import", "region", null, new JsonObject().put("rows", rows.size())))
          .map(rows.size());
    });
  }

  /** Imports support history from CSV (sgg_code,program_year,project_title); rows already recorded are skipped. */
  public Future<Integer> importSupportHistory(String csv, Actor actor) {
    List<Tuple> rows = new ArrayList<>();
    List<ValidationException.FieldError> errors = new ArrayList<>();
    for (CSVRecord r : parse(csv, "sgg_code", "program_year", "project_title")) {
      String line = "line " + (r.getRecordNumber() + 1);
      try {
        int year = Integer.parseInt(r.get("program_year").trim());
        if (year < 2019 || year > 2100) {
          throw new IllegalArgumentException("program_year must be from 2019");
        }
        rows.add(Tuple.of(code(r.get("sgg_code")), year, r.get("project_title").trim()));
      } catch (RuntimeException e) {
        errors.add(new ValidationException.FieldError(line, "validation.csvLine", line + ": " + reason(e)));
      }
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ValidationException(errors));
    }
    return pool.withTransaction(tx -> {
      Future<Integer> added = Future.succeededFuture(0);
      for (Tuple t : rows) {
        added = added.compose(n -> eligibility.insertSupport(tx, t.getString(0), t.getInteger(1), t.getString(2), "CSV import")
            .map(ok -> ok ? n + 1 : n));
      }
      return added.compose(n -> audit.record(tx, actor, "supportHistory.import", "region", null, new JsonObject().put("added", n)).map(n));
    });
  }

  private Future<Void> insert(SqlConnection tx, Designation d) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {d.sggCode(), d.sido(), d.sigungu(), d.status(), d.validFrom(),
            d.validTo(), d.legalBasis(), d.note()}))
        .<Void>mapEmpty()
        .recover(e -> e instanceof io.vertx.pgclient.PgException pg && SqlErrors.EXCLUSION_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new ConflictException("conflict.designationOverlap", d.sggCode() + " " + d.sigungu()
                + " already has a designation overlapping " + d.validFrom() + (d.validTo() == null ? " onwards" : "–" + d.validTo())
                + ": end the current one first."))
            : Future.failedFuture(e));
  }

  private static List<CSVRecord> parse(String csv, String... columns) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv == null ? "" : csv.replace("\uFEFF", "")), format)) {
      List<String> missing = new ArrayList<>();
      for (String c : columns) {
        if (!parser.getHeaderMap().containsKey(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw ValidationException.of("csv", "validation.csvHeader", "The CSV needs a header line with the columns " + String.join(",", columns)
            + " (missing: " + String.join(",", missing) + ").");
      }
      return parser.getRecords();
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      throw ValidationException.of("csv", "validation.csv", "The CSV could not be read: " + e.getMessage());
    }
  }

  private static String code(String raw) {
    String code = raw.trim();
    if (!code.matches("[0-9]{5}")) {
      throw new IllegalArgumentException("sgg_code must be 5 digits, not '" + code + "'");
    }
    return code;
  }

  private static String status(String raw) {
    String status = raw.trim();
    if (!status.equals("DECLINING") && !status.equals("WATCH")) {
      throw new IllegalArgumentException("status must be DECLINING or WATCH, not '" + status + "'");
    }
    return status;
  }

  private static String required(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("a required column is empty");
    }
    return raw.trim();
  }

  private static String reason(RuntimeException e) {
    return e instanceof java.time.format.DateTimeParseException ? "dates must look like 2026-01-01"
        // the only number read is the program year
        : e instanceof NumberFormatException ? "program_year must be a whole number such as 2025" : e.getMessage();
  }
}
