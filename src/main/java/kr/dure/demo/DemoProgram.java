package kr.dure.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2026 call walked end to end for the demo: eight local governments' applications (the three
 * selected, three not selected with reasons, a draft, one that fails eligibility), the review
 * scores, the agreements with budget execution and KPI reports, a joint brand with a design
 * request, value-chain trades and local services. Inserted in the demo's transaction, on first start only.
 */
final class DemoProgram {

  private static final String CALL = "SELECT id FROM grant_call ORDER BY id LIMIT 1";
  private static final String PROJECTS = """
      SELECT p.id, p.code, p.lead_organisation_id, p.region_code, p.title_ko, p.collaboration_types
        FROM project p ORDER BY p.code
      """;
  private static final String USER = "SELECT id FROM app_user WHERE email = $1";
  private static final String FIRMS = """
      SELECT o.id, o.name, o.business_number FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id
       WHERE po.project_id = $1 AND o.kind = 'SME' ORDER BY o.id
      """;
  private static final String INSERT_SUPPORT = "INSERT INTO support_history (sgg_code, program_year, project_title) VALUES ($1, $2, $3)";
  private static final String INSERT_COUNTY = "INSERT INTO organisation (kind, name, name_en, region_code) VALUES ('LOCAL_GOV', $1, $2, $3) RETURNING id";
  private static final String INSERT_APPLICATION = """
      INSERT INTO application (call_id, applicant_organisation_id, status, title, collaboration_types, model_description,
                               submitted_at, project_id, decision_reason, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id
      """;
  private static final String INSERT_MEMBER = """
      INSERT INTO application_member (application_id, kind, name, business_number, region_code, position) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String INSERT_BUDGET = "INSERT INTO application_budget (application_id, category_code, source, amount_won) VALUES ($1, $2, $3, $4)";
  private static final String INSERT_KPI = "INSERT INTO application_kpi (application_id, name, unit, target, position) VALUES ($1, $2, $3, $4, $5)";
  private static final String INSERT_HISTORY = "INSERT INTO application_status_history (application_id, status, at, by_user_id, note) VALUES ($1, $2, $3, $4, $5)";
  private static final String ASSIGN = "INSERT INTO review_assignment (application_id, reviewer_user_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4)";
  private static final String SCORE = "INSERT INTO review_score (application_id, reviewer_user_id, criterion_code, score, comment) VALUES ($1, $2, $3, $4, $5)";
  private static final String CLOSE_CALL = "UPDATE grant_call SET ranking_closed_at = TIMESTAMPTZ '2026-06-30 10:00:00+09' WHERE id = $1";
  private static final String AGREEMENT = """
      INSERT INTO agreement (project_id, period_start, period_end, status, ministry_confirmed_by, ministry_confirmed_at, lead_confirmed_by, lead_confirmed_at)
      VALUES ($1, DATE '2026-07-01', DATE '2027-06-30', 'SIGNED', $2, TIMESTAMPTZ '2026-07-01 10:00:00+09', $3, TIMESTAMPTZ '2026-07-02 15:00:00+09')
      """;
  private static final String AGREEMENT_BUDGET = "INSERT INTO agreement_budget (project_id, category_code, source, amount_won) VALUES ($1, $2, $3, $4)";
  private static final String AGREEMENT_KPI = "INSERT INTO agreement_kpi (project_id, name, unit, target, position) VALUES ($1, $2, $3, $4, $5) RETURNING id";
  private static final String KPI_REPORT = "INSERT INTO kpi_report (kpi_id, period, actual, reported_by) VALUES ($1, $2, $3, $4)";
  private static final String SPENDING = """
      INSERT INTO spending (project_id, spent_on, category_code, source, amount_won, payee, payee_organisation_id, description, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;
  private static final String BRAND = "INSERT INTO joint_brand (project_id, name, description) VALUES ($1, $2, $3) RETURNING id";
  private static final String BRAND_MEMBER = "INSERT INTO joint_brand_member (brand_id, organisation_id) VALUES ($1, $2)";
  private static final String PRODUCT = "INSERT INTO brand_product (brand_id, organisation_id, name, price_won) VALUES ($1, $2, $3, $4)";
  private static final String DESIGN = """
      INSERT INTO design_request (project_id, brand_id, title, description, status, answer, deliverables, requested_by, answered_by, kind, due_on,
                                  created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id
      """;
  private static final String DESIGN_COMMENT = """
      INSERT INTO design_request_comment (request_id, status, body, author_id, created_at) VALUES ($1, $2, $3, $4, $5)
      """;
  private static final String DESIGN_FILE = """
      INSERT INTO design_deliverable (request_id, filename, content_type, size_bytes, content, uploaded_by, uploaded_at)
      VALUES ($1, $2, 'image/png', $3, $4, $5, $6)
      """;
  private static final String PRODUCT_STATUS = "UPDATE brand_product SET status = $2 WHERE brand_id = $1 AND name = $3";
  private static final String SERVICE_PRICE = "UPDATE local_service SET price_won = $2 WHERE id = $1";
  private static final String FINAL_REPORT_DRAFT = """
      INSERT INTO project_final_report (project_id, summary, kpi_outcomes, lessons, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String TRADE = """
      INSERT INTO value_chain_trade (project_id, seller_id, buyer_id, item, quantity, unit, amount_won, traded_on, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;
  private static final String SERVICE = "INSERT INTO local_service (project_id, name, category, provider, description) VALUES ($1, $2, $3, $4, $5) RETURNING id";
  private static final String USAGE = "INSERT INTO local_service_usage (service_id, period, uses, amount_won) VALUES ($1, $2, $3, $4)";

  private static final String[] CRITERIA = {"MODEL", "CIRCULATION", "FEASIBILITY", "BRANDING", "OUTCOMES"};

  /** An applicant that was not selected, drafted, or fails the check. */
  private record Other(String county, String countyEn, String code, String status, String title, double score, String reason,
      boolean history) {
  }

  private static final List<Other> OTHERS = List.of(
      new Other("강원특별자치도 평창군", "Pyeongchang County", "51760", "NOT_SELECTED", "평창 고랭지 채소 공동물류", 78.5,
          "순위 4위로 선정 범위 밖입니다. 공동물류 수요 근거를 보완하면 다음 공고에서 유리합니다.", true),
      new Other("경상남도 남해군", "Namhae County", "48840", "NOT_SELECTED", "남해 마늘·시금치 공동가공", 74.0,
          "순위 5위로 선정 범위 밖입니다. 지역 내 선순환 구조가 구체적이지 않습니다.", true),
      new Other("충청남도 서천군", "Seocheon County", "44770", "NOT_SELECTED", "서천 김 공동브랜드", 71.2,
          "순위 6위로 선정 범위 밖입니다. 참여기업 역할 분담이 불명확합니다.", true),
      new Other("경상북도 울릉군", "Ulleung County", "47940", "DRAFT", "울릉 산나물 공동판매 (작성 중)", 0, "", true),
      new Other("강원특별자치도 삼척시", "Samcheok City", "51230", "DRAFT", "삼척 수산물 공유 냉동창고", 0, "", false));

  private final Map<String, Long> users = new HashMap<>();

  Future<Integer> load(SqlConnection tx) {
    return tx.query(CALL).execute().map(rows -> rows.iterator().next().getLong(0)).compose(callId ->
        userIds(tx, "ministry@dure.demo", "reviewer@dure.demo", "design@dure.demo", "imsil@dure.demo", "uiseong@dure.demo",
            "goesan@dure.demo", "coordinator.imsil@dure.demo", "coordinator.uiseong@dure.demo", "coordinator.goesan@dure.demo")
            .compose(v -> supportHistory(tx))
            .compose(v -> tx.query(PROJECTS).execute())
            .compose(projects -> {
              List<Row> list = new ArrayList<>();
              projects.forEach(list::add);
              Future<Integer> count = Future.succeededFuture(0);
              double[] scores = {91.4, 87.9, 84.6};
              for (int i = 0; i < list.size() && i < 3; i++) {
                Row p = list.get(i);
                double score = scores[i];
                count = count.compose(n -> selected(tx, callId, p, score).map(n + 1));
              }
              for (Other o : OTHERS) {
                count = count.compose(n -> other(tx, callId, o).map(n + 1));
              }
              return count.compose(n -> tx.preparedQuery(CLOSE_CALL).execute(Tuple.of(callId)).map(n))
                  .compose(n -> collaboration(tx, list).map(n))
                  .compose(n -> planChangeAndEvidence(tx, list).map(n));
            }));
  }

  private Future<Void> userIds(SqlConnection tx, String... emails) {
    Future<Void> chain = Future.succeededFuture();
    for (String email : emails) {
      chain = chain.compose(v -> tx.preparedQuery(USER).execute(Tuple.of(email)).map(rows -> {
        users.put(email, rows.iterator().next().getLong(0));
        return (Void) null;
      }));
    }
    return chain;
  }

  private Future<Void> supportHistory(SqlConnection tx) {
    List<Tuple> rows = List.of(
        Tuple.of("52750", 2021, "임실 치즈 연고산업 육성"), Tuple.of("52750", 2022, "임실 치즈 연고산업 육성"),
        Tuple.of("47730", 2020, "의성 마늘 연고산업 육성"), Tuple.of("47730", 2021, "의성 마늘 연고산업 육성"),
        Tuple.of("43760", 2022, "괴산 유기농 가공식품"), Tuple.of("51760", 2021, "평창 고랭지 농산물"),
        Tuple.of("48840", 2023, "남해 특산물 가공"), Tuple.of("44770", 2022, "서천 김 가공"), Tuple.of("47940", 2020, "울릉 산나물"));
    return tx.preparedQuery(INSERT_SUPPORT).executeBatch(rows).mapEmpty();
  }

  private Future<Void> selected(SqlConnection tx, long callId, Row p, double score) {
    long projectId = p.getLong("id");
    long lead = p.getLong("lead_organisation_id");
    String region = p.getString("region_code");
    String[] types = p.getArrayOfStrings("collaboration_types");
    String county = countyUser(p.getString("code"));
    return tx.preparedQuery(FIRMS).execute(Tuple.of(projectId)).compose(firmRows -> {
      List<Row> firms = new ArrayList<>();
      firmRows.forEach(firms::add);
      return tx.preparedQuery(INSERT_APPLICATION).execute(Tuple.from(new Object[] {callId, lead, "SELECTED", p.getString("title_ko"), types,
              "지역 생산자·가공업체·판매점이 역할을 나누고 공동 설비를 함께 씁니다.", at("2026-06-08T14:00:00+09:00"), projectId,
              "선정 (평균 " + score + "점)", at("2026-06-01T09:00:00+09:00")}))
          .map(rows -> rows.iterator().next().getLong(0))
          .compose(appId -> content(tx, appId, firms, region)
              .compose(v -> history(tx, appId, users.get("ministry@dure.demo"), "SELECTED", "선정"))
              .compose(v -> review(tx, appId, score))
              .compose(v -> demoAttachment(tx, appId, users.get(county)))
              .compose(v -> agreement(tx, projectId, firms, users.get(county))));
    });
  }

  // each selected application carries its business plan, so the application page shows a download
  private static final String INSERT_ATTACHMENT = """
      INSERT INTO application_attachment (application_id, filename, content_type, size_bytes, content, uploaded_by, uploaded_at)
      VALUES ($1, $2, 'application/pdf', $3, $4, $5, $6)
      """;

  private Future<Void> demoAttachment(SqlConnection tx, long appId, Long userId) {
    io.vertx.core.buffer.Buffer pdf = demoPdf("Dure demo - business plan of application " + appId);
    return tx.preparedQuery(INSERT_ATTACHMENT).execute(Tuple.of(appId, "사업계획서.pdf", pdf.length(), pdf, userId,
        at("2026-06-08T13:30:00+09:00"))).mapEmpty();
  }

  /** A one-page PDF with one line of text and a correct cross-reference table. */
  static io.vertx.core.buffer.Buffer demoPdf(String line) {
    String stream = "BT /F1 14 Tf 72 760 Td (" + line.replaceAll("[()\\\\]", "") + ") Tj ET";
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    StringBuilder out = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.length; i++) {
      offsets.add(out.length());
      out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = out.length();
    out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    offsets.forEach(o -> out.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", o)));
    out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    return io.vertx.core.buffer.Buffer.buffer(out.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private Future<Void> other(SqlConnection tx, long callId, Other o) {
    boolean submitted = !"DRAFT".equals(o.status());
    return tx.preparedQuery(INSERT_COUNTY).execute(Tuple.of(o.county(), o.countyEn(), o.code()))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(org -> tx.preparedQuery(INSERT_APPLICATION).execute(Tuple.from(new Object[] {callId, org, o.status(), o.title(),
                new String[] {"VALUE_CHAIN", "SHARED_INFRASTRUCTURE"}, "공동 가공과 판매로 지역 안에서 부가가치를 만듭니다.",
                submitted ? at("2026-06-10T16:00:00+09:00") : null, null, o.reason(), at("2026-06-02T09:00:00+09:00")}))
            .map(rows -> rows.iterator().next().getLong(0)))
        .compose(appId -> {
          List<Tuple> members = new ArrayList<>();
          String[] numbers = syntheticNumbers(o.code());
          // 삼척's draft has only two local SMEs: its live check shows why it cannot be submitted
          int local = o.history() ? 3 : 2;
          for (int i = 0; i < numbers.length && i < local; i++) {
            members.add(Tuple.from(new Object[] {appId, "SME", o.county().split(" ")[1] + " 참여기업 " + (i + 1), numbers[i], o.code(), i}));
          }
          List<Tuple> budget = List.of(Tuple.of(appId, "EQUIPMENT_FACILITIES", "NATIONAL", 180_000_000L),
              Tuple.of(appId, "PROMOTION", "NATIONAL", 100_000_000L), Tuple.of(appId, "OPERATIONS", "LOCAL", o.history() ? 130_000_000L : 90_000_000L));
          Future<Void> done = tx.preparedQuery(INSERT_MEMBER).executeBatch(members)
              .compose(v -> tx.preparedQuery(INSERT_BUDGET).executeBatch(budget))
              .compose(v -> history(tx, appId, null, "DRAFT", ""));
          if (submitted) {
            done = done.compose(v -> history(tx, appId, null, "SUBMITTED", ""))
                .compose(v -> review(tx, appId, o.score()))
                .compose(v -> history(tx, appId, users.get("ministry@dure.demo"), o.status(), o.reason()));
          }
          return done;
        });
  }

  private Future<Void> content(SqlConnection tx, long appId, List<Row> firms, String region) {
    List<Tuple> members = new ArrayList<>();
    for (int i = 0; i < firms.size(); i++) {
      members.add(Tuple.from(new Object[] {appId, "SME", firms.get(i).getString("name"), firms.get(i).getString("business_number"), region, i}));
    }
    List<Tuple> budget = List.of(Tuple.of(appId, "EQUIPMENT_FACILITIES", "NATIONAL", 150_000_000L),
        Tuple.of(appId, "PROMOTION", "NATIONAL", 90_000_000L), Tuple.of(appId, "PERSONNEL", "NATIONAL", 60_000_000L),
        Tuple.of(appId, "OPERATIONS", "LOCAL", 130_000_000L));
    List<Tuple> kpis = List.of(Tuple.of(appId, "공동브랜드·공동판매 매출", "백만원", new BigDecimal("900"), 0),
        Tuple.of(appId, "신규 고용", "명", new BigDecimal("12"), 1), Tuple.of(appId, "공동시설 이용률", "%", new BigDecimal("60"), 2));
    return tx.preparedQuery(INSERT_MEMBER).executeBatch(members)
        .compose(v -> tx.preparedQuery(INSERT_BUDGET).executeBatch(budget))
        .compose(v -> tx.preparedQuery(INSERT_KPI).executeBatch(kpis))
        .compose(v -> history(tx, appId, null, "DRAFT", ""))
        .compose(v -> history(tx, appId, null, "SUBMITTED", ""))
        .mapEmpty();
  }

  private Future<Void> history(SqlConnection tx, long appId, Long userId, String status, String note) {
    String when = switch (status) {
      case "DRAFT" -> "2026-06-01T09:00:00+09:00";
      case "SUBMITTED" -> "2026-06-08T14:00:00+09:00";
      case "UNDER_REVIEW" -> "2026-06-15T10:00:00+09:00";
      default -> "2026-06-30T10:00:00+09:00";
    };
    Future<Void> review = "SELECTED".equals(status) || "NOT_SELECTED".equals(status)
        ? tx.preparedQuery(INSERT_HISTORY).execute(Tuple.of(appId, "UNDER_REVIEW", at("2026-06-15T10:00:00+09:00"),
            users.get("ministry@dure.demo"), "")).mapEmpty()
        : Future.succeededFuture();
    return review.compose(v -> tx.preparedQuery(INSERT_HISTORY).execute(Tuple.of(appId, status, at(when), userId, note))).mapEmpty();
  }

  private Future<Void> review(SqlConnection tx, long appId, double score) {
    long reviewer = users.get("reviewer@dure.demo");
    List<Tuple> scores = new ArrayList<>();
    for (int i = 0; i < CRITERIA.length; i++) {
      double s = Math.max(0, Math.min(100, score + (i % 2 == 0 ? 1.5 : -2.0)));
      scores.add(Tuple.of(appId, reviewer, CRITERIA[i], BigDecimal.valueOf(s), i == 0 ? "협업 구조가 구체적입니다." : ""));
    }
    return tx.preparedQuery(ASSIGN).execute(Tuple.of(appId, reviewer, users.get("ministry@dure.demo"), at("2026-06-15T10:00:00+09:00")))
        .compose(v -> tx.preparedQuery(SCORE).executeBatch(scores)).mapEmpty();
  }

  private Future<Void> agreement(SqlConnection tx, long projectId, List<Row> firms, long leadUser) {
    long ministry = users.get("ministry@dure.demo");
    List<Tuple> budget = List.of(Tuple.of(projectId, "EQUIPMENT_FACILITIES", "NATIONAL", 150_000_000L),
        Tuple.of(projectId, "PROMOTION", "NATIONAL", 90_000_000L), Tuple.of(projectId, "PERSONNEL", "NATIONAL", 60_000_000L),
        Tuple.of(projectId, "OPERATIONS", "LOCAL", 130_000_000L));
    List<Tuple> spending = List.of(
        Tuple.from(new Object[] {projectId, LocalDate.of(2026, 7, 20), "EQUIPMENT_FACILITIES", "NATIONAL", 62_000_000L, firms.get(0).getString("name"),
            firms.get(0).getLong("id"), "공동 설비 도입 1차", leadUser}),
        Tuple.from(new Object[] {projectId, LocalDate.of(2026, 9, 5), "PROMOTION", "NATIONAL", 18_500_000L, "한국공예·디자인문화진흥원 협력 디자인사무소",
            null, "공동브랜드 홍보물 제작", leadUser}),
        Tuple.from(new Object[] {projectId, LocalDate.of(2026, 10, 15), "PERSONNEL", "NATIONAL", 21_000_000L, "운영 인력", null,
            "공동시설 운영 인건비 (7~9월)", leadUser}),
        Tuple.from(new Object[] {projectId, LocalDate.of(2026, 10, 31), "OPERATIONS", "LOCAL", 27_300_000L, firms.get(1).getString("name"),
            firms.get(1).getLong("id"), "공동시설 운영비", leadUser}));
    return tx.preparedQuery(AGREEMENT).execute(Tuple.of(projectId, ministry, leadUser))
        .compose(v -> tx.preparedQuery(AGREEMENT_BUDGET).executeBatch(budget))
        .compose(v -> tx.preparedQuery(SPENDING).executeBatch(spending))
        .compose(v -> tx.preparedQuery(AGREEMENT_KPI).execute(Tuple.of(projectId, "공동브랜드·공동판매 매출", "백만원", new BigDecimal("900"), 0)))
        .compose(rows -> tx.preparedQuery(KPI_REPORT).executeBatch(List.of(
            Tuple.of(rows.iterator().next().getLong(0), "2026-Q3", new BigDecimal("182"), leadUser))))
        .compose(v -> tx.preparedQuery(AGREEMENT_KPI).execute(Tuple.of(projectId, "신규 고용", "명", new BigDecimal("12"), 1)))
        .compose(rows -> tx.preparedQuery(KPI_REPORT).executeBatch(List.of(
            Tuple.of(rows.iterator().next().getLong(0), "2026-Q3", new BigDecimal("4"), leadUser))))
        .mapEmpty();
  }

  /** ① a joint brand with a design request (의성), ② trades (임실), ③ local services (괴산). */
  private Future<Void> collaboration(SqlConnection tx, List<Row> projects) {
    Row imsil = projects.get(0);
    Row uiseong = projects.get(1);
    Row goesan = projects.get(2);
    return tx.preparedQuery(FIRMS).execute(Tuple.of(uiseong.getLong("id"))).compose(uiseongFirms -> {
      List<Long> firms = new ArrayList<>();
      uiseongFirms.forEach(r -> firms.add(r.getLong("id")));
      return tx.preparedQuery(BRAND).execute(Tuple.of(uiseong.getLong("id"), "의성 한알", "의성 마늘 공동브랜드"))
          .map(rows -> rows.iterator().next().getLong(0))
          .compose(brand -> tx.preparedQuery(BRAND_MEMBER).executeBatch(firms.stream().map(f -> Tuple.of(brand, f)).toList())
              .compose(v -> tx.preparedQuery(PRODUCT).executeBatch(List.of(Tuple.of(brand, firms.get(0), "의성 한알 흑마늘 진액 30포", 39_000L),
                  Tuple.of(brand, firms.get(1), "의성 한알 깐마늘 1kg", 14_000L))))
              .compose(v -> designSupport(tx, uiseong, brand, firms)));
    }).compose(v -> tx.preparedQuery(FIRMS).execute(Tuple.of(imsil.getLong("id")))).compose(imsilFirms -> {
      List<Long> f = new ArrayList<>();
      imsilFirms.forEach(r -> f.add(r.getLong("id")));
      long recorder = users.get("coordinator.imsil@dure.demo");
      return tx.preparedQuery(TRADE).executeBatch(List.of(
          Tuple.from(new Object[] {imsil.getLong("id"), f.get(1), f.get(0), "원유", new BigDecimal("12000"), "L", 14_400_000L, LocalDate.of(2026, 9, 30), recorder}),
          Tuple.from(new Object[] {imsil.getLong("id"), f.get(0), f.get(2), "숙성 치즈", new BigDecimal("800"), "kg", 19_200_000L, LocalDate.of(2026, 10, 15), recorder}),
          Tuple.from(new Object[] {imsil.getLong("id"), f.get(2), f.get(3), "냉장 배송 위탁", new BigDecimal("24"), "회", 2_880_000L, LocalDate.of(2026, 10, 31), recorder})))
          .mapEmpty();
    }).compose(v -> tx.preparedQuery(SERVICE).execute(Tuple.of(goesan.getLong("id"), "청년 귀농·귀촌 임시 주거", "HOUSING",
            "괴산군 귀농귀촌지원센터", "참여기업 신규 채용자에게 최대 6개월 주거 제공")))
        .compose(rows -> tx.preparedQuery(USAGE).executeBatch(List.of(Tuple.of(rows.iterator().next().getLong(0), "2026-09", 6, 1_800_000L),
            Tuple.of(rows.iterator().next().getLong(0), "2026-10", 8, 2_400_000L))))
        .compose(v -> tx.preparedQuery(SERVICE).execute(Tuple.of(goesan.getLong("id"), "공유주방 이용자 아이 돌봄", "CHILDCARE",
            "괴산읍 다함께돌봄센터", "공유주방 작업 시간 동안 초등 돌봄 연계")))
        .compose(rows -> tx.preparedQuery(USAGE).executeBatch(List.of(Tuple.of(rows.iterator().next().getLong(0), "2026-10", 21, 630_000L)))
            .compose(v -> tx.preparedQuery(SERVICE_PRICE).execute(Tuple.of(rows.iterator().next().getLong(0), 30_000L))))
        .compose(v -> tx.preparedQuery(SERVICE).execute(Tuple.of(goesan.getLong("id"), "농번기 공동급식", "MEAL",
            "괴산군 농업인 공동급식소", "농번기 참여기업 직원과 농가에 점심 제공")))
        .compose(rows -> tx.preparedQuery(USAGE).executeBatch(List.of(Tuple.of(rows.iterator().next().getLong(0), "2026-09", 340, 1_700_000L),
                Tuple.of(rows.iterator().next().getLong(0), "2026-10", 415, 2_075_000L)))
            .compose(v -> tx.preparedQuery(SERVICE_PRICE).execute(Tuple.of(rows.iterator().next().getLong(0), 5_000L))))
        .mapEmpty();
  }

  /**
   * The joint brand's design support (의성): the BI request delivered by the agency with its history and
   * one deliverable file (a small PNG drawn here), a packaging request still waiting, and the lead's
   * final report saved as a draft.
   */
  private Future<Void> designSupport(SqlConnection tx, Row uiseong, long brand, List<Long> firms) {
    long project = uiseong.getLong("id");
    long coordinator = users.get("coordinator.uiseong@dure.demo");
    long agency = users.get("design@dure.demo");
    io.vertx.core.buffer.Buffer png = DemoImages.brandSheet();
    return tx.preparedQuery(PRODUCT).execute(Tuple.of(brand, firms.get(2), "의성 한알 마늘 플레이크 (개발 중)", null))
        .compose(v -> tx.preparedQuery(PRODUCT_STATUS).execute(Tuple.of(brand, "DEVELOPING", "의성 한알 마늘 플레이크 (개발 중)")))
        .compose(v -> tx.preparedQuery(DESIGN).execute(Tuple.from(new Object[] {project, brand, "공동브랜드 BI 개발",
            "로고, 색상, 서체 가이드를 요청합니다.", "DELIVERED", "BI 시안 3종과 가이드북을 전달했습니다.", "BI 가이드북, 로고 원본",
            coordinator, agency, "BRAND_IDENTITY", LocalDate.of(2026, 10, 31), at("2026-09-07T14:00:00+09:00"),
            at("2026-10-20T11:00:00+09:00")})))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(request -> tx.preparedQuery(DESIGN_COMMENT).executeBatch(List.of(
                Tuple.of(request, "RECEIVED", "요청을 접수했습니다. 담당 디자이너를 배정합니다.", agency, at("2026-09-08T10:00:00+09:00")),
                Tuple.of(request, "IN_PROGRESS", "현장 인터뷰를 마치고 시안 작업 중입니다.", agency, at("2026-09-22T15:30:00+09:00")),
                Tuple.of(request, "DELIVERED", "BI 시안 3종과 가이드북을 전달했습니다.", agency, at("2026-10-20T11:00:00+09:00"))))
            .compose(v -> tx.preparedQuery(DESIGN_FILE).execute(Tuple.of(request, "의성한알_BI_시안.png", png.length(), png, agency,
                at("2026-10-20T11:00:00+09:00")))))
        .compose(v -> tx.preparedQuery(DESIGN).execute(Tuple.from(new Object[] {project, brand, "선물세트 패키지 디자인",
            "설 명절 선물세트 상자와 라벨.", "REQUESTED", "", "", coordinator, null, "PACKAGE", LocalDate.of(2027, 1, 15),
            at("2026-11-16T09:30:00+09:00"), at("2026-11-16T09:30:00+09:00")})))
        .compose(v -> tx.preparedQuery(FINAL_REPORT_DRAFT).execute(Tuple.of(project,
            "공동브랜드 「의성 한알」을 만들고 참여기업 4곳의 상품 3종을 같은 포장과 판로로 묶었습니다.",
            "공동브랜드 매출: 목표 900백만원 중 3분기까지 182백만원. 신규 고용: 목표 12명 중 4명.",
            "", users.get("uiseong@dure.demo"), at("2026-11-20T17:00:00+09:00"))))
        .mapEmpty();
  }

  private static String countyUser(String projectCode) {
    return switch (projectCode) {
      case "P-2026-01" -> "imsil@dure.demo";
      case "P-2026-02" -> "uiseong@dure.demo";
      default -> "goesan@dure.demo";
    };
  }

  /** Three made-up but valid 사업자등록번호 per region, distinct from the demo firms'. */
  private static String[] syntheticNumbers(String regionCode) {
    String[] out = new String[3];
    for (int i = 0; i < 3; i++) {
      String nine = "7" + regionCode.substring(1, 3) + "81" + regionCode.substring(2) + i;
      out[i] = nine.substring(0, 9) + kr.dure.auth.BusinessNumber.checkDigit(nine.substring(0, 9));
    }
    return out;
  }

  private static java.time.OffsetDateTime at(String iso) {
    return java.time.OffsetDateTime.parse(iso);
  }

  // ---- project pages: a pending plan change (의성) and an evidence file on a spending record (임실)

  private static final String PLAN_CHANGE = """
      INSERT INTO agreement_change (project_id, kind, proposal, reason, requested_by, requested_at)
      VALUES ($1, 'PLAN', $2, $3, $4, TIMESTAMPTZ '2026-11-02 10:30:00+09')
      """;
  private static final String KPI_OF = "SELECT id, name, unit, target FROM agreement_kpi WHERE project_id = $1 AND name = $2";
  private static final String FIRST_SPENDING = "SELECT min(id) FROM spending WHERE project_id = $1";
  private static final String ATTACH = """
      UPDATE spending SET evidence_filename = $2, evidence_type = 'application/pdf', evidence = $3 WHERE id = $1
      """;

  private Future<Void> planChangeAndEvidence(SqlConnection tx, List<Row> projects) {
    long imsil = projects.get(0).getLong("id");
    long uiseong = projects.get(1).getLong("id");
    return tx.preparedQuery(KPI_OF).execute(Tuple.of(uiseong, "신규 고용")).compose(rows -> {
      Row kpi = rows.iterator().next();
      io.vertx.core.json.JsonObject proposal = new io.vertx.core.json.JsonObject()
          .put("plan", "공동물류 거점을 안계면에서 의성읍으로 옮기고, 택배 위탁 대신 공동 냉장차 1대를 운영합니다. "
              + "물류 인력을 직접 채용하므로 신규 고용 목표를 12명에서 14명으로 늘리고, 차량 등록과 시험 운행에 맞춰 협약 종료일을 2027년 8월 31일로 미룹니다.")
          .put("periodEnd", "2027-08-31")
          .put("kpiTargets", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("kpiId", kpi.getLong("id"))
              .put("name", kpi.getString("name")).put("unit", kpi.getString("unit")).put("target", 14.0)
              .put("before", kpi.getNumeric("target").doubleValue())))
          .put("before", new io.vertx.core.json.JsonObject().put("periodStart", "2026-07-01").put("periodEnd", "2027-06-30"));
      return tx.preparedQuery(PLAN_CHANGE).execute(Tuple.of(uiseong, proposal,
          "안계면 거점 부지 임대가 무산되어 물류 거점과 운영 방식을 바꿉니다.", users.get("uiseong@dure.demo")));
    }).compose(v -> tx.preparedQuery(FIRST_SPENDING).execute(Tuple.of(imsil)))
        .compose(rows -> tx.preparedQuery(ATTACH).execute(Tuple.of(rows.iterator().next().getLong(0), "공동설비_도입_세금계산서.pdf",
            io.vertx.core.buffer.Buffer.buffer(tinyPdf("Dure demo - tax invoice: shared cheese packaging line, KRW 62,000,000"))))).mapEmpty();
  }

  /** A one-page PDF showing one line of text, with a correct cross-reference table. */
  static byte[] tinyPdf(String line) {
    String text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    String content = "BT /F1 14 Tf 56 780 Td (" + text + ") Tj ET";
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream"};
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
