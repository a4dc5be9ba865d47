package kr.dure.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.Services;
import kr.dure.auth.Actor;
import kr.dure.auth.NewOrganisation;
import kr.dure.auth.NewUser;
import kr.dure.auth.OrganisationKind;
import kr.dure.auth.Role;
import kr.dure.program.ProgramRepository;
import kr.dure.project.CollaborationType;
import kr.dure.project.NewProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2026 pilot as a demo: the program and its call, three selected projects in three real
 * eligible regions, each a consortium of its county, four SMEs and an innovation institution, and
 * a user for every role. Loaded only into a database that holds no data at all.
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  public static final String PASSWORD = "dure-demo-2026";

  private final Services services;

  public DemoData(Services services) {
    this.services = services;
  }

  /** A demo account, printed at start-up. */
  public record Login(Role role, String email, String name, String organisation) {
  }

  private record Firm(String name, String nameEn, String businessNumber, String userEmail, String userName) {
  }

  private record Consortium(String code, String titleKo, String titleEn, String regionCode, String countyName,
      String countyNameEn, String localGovEmail, String localGovUser, String institution, String institutionEn,
      String coordinatorEmail, String coordinatorName, List<CollaborationType> types, List<Firm> firms) {
  }

  /** monitoring: what each demo resource costs to run a month, by kind and size (staff, power, maintenance). */
  private static final String DEMO_OPERATING_COSTS = """
      UPDATE resource SET monthly_operating_cost = CASE kind
          WHEN 'EQUIPMENT' THEN 400000 + (fee_won * 20)
          WHEN 'FACILITY' THEN 900000 + capacity * 25000
          ELSE 1800000 END
      """;

  private static final List<Consortium> CONSORTIA = List.of(
      new Consortium("P-2026-01", "임실 치즈·낙농 공동가공 두레", "Imsil cheese and dairy shared processing",
          "52750", "전북특별자치도 임실군", "Imsil County", "imsil@dure.demo", "김민지",
          "전북테크노파크", "Jeonbuk Technopark", "coordinator.imsil@dure.demo", "박서준",
          List.of(CollaborationType.VALUE_CHAIN, CollaborationType.SHARED_INFRASTRUCTURE),
          List.of(
              new Firm("(주)임실숲골치즈", "Imsil Supgol Cheese Co.", "4188100122", "cheese@dure.demo", "이도윤"),
              new Firm("섬진강유가공 영농조합법인", "Seomjin River Dairy Cooperative", "4188100234", "dairy@dure.demo", "최하은"),
              new Firm("임실로컬푸드판매(주)", "Imsil Local Food Sales Co.", "4188600340", "localfood@dure.demo", "정우진"),
              new Firm("오수냉장물류", "Osu Cold Logistics", "4188100457", "coldchain@dure.demo", "한지아"))),
      new Consortium("P-2026-02", "의성 마늘 공동브랜드·공동물류", "Uiseong garlic joint brand and shared logistics",
          "47730", "경상북도 의성군", "Uiseong County", "uiseong@dure.demo", "오세훈",
          "경북바이오산업연구원", "Gyeongbuk Institute for Bio Industry", "coordinator.uiseong@dure.demo", "윤지호",
          List.of(CollaborationType.JOINT_BRAND, CollaborationType.SHARED_INFRASTRUCTURE),
          List.of(
              new Firm("의성흑마늘(주)", "Uiseong Black Garlic Co.", "5138100562", "garlic@dure.demo", "강민서"),
              new Firm("의성마늘가공 영농조합법인", "Uiseong Garlic Processing Cooperative", "5138600679", "garlicpro@dure.demo", "조예준"),
              new Firm("안계들녘식품", "Angye Field Foods", "5138100785", "angye@dure.demo", "신유나"),
              new Firm("의성로컬배송(주)", "Uiseong Local Delivery Co.", "5138100897", "delivery@dure.demo", "임태윤"))),
      new Consortium("P-2026-03", "괴산 유기농 공유주방·생활서비스", "Goesan organic shared kitchen and living services",
          "43760", "충청북도 괴산군", "Goesan County", "goesan@dure.demo", "송하린",
          "충북과학기술혁신원", "Chungbuk Research Institute of Science and Technology", "coordinator.goesan@dure.demo", "문채원",
          List.of(CollaborationType.JOINT_BRAND, CollaborationType.LOCAL_SERVICE, CollaborationType.SHARED_INFRASTRUCTURE),
          List.of(
              new Firm("괴산유기농식품(주)", "Goesan Organic Foods Co.", "3038100913", "organic@dure.demo", "배준호"),
              new Firm("청천절임배추 영농조합법인", "Cheongcheon Salted Cabbage Cooperative", "3038601028", "kimchi@dure.demo", "류다인"),
              new Firm("괴산옥수수가공", "Goesan Corn Processing", "3038101135", "corn@dure.demo", "홍시우"),
              new Firm("산막이공유주방(주)", "Sanmagi Shared Kitchen Co.", "3038101246", "kitchen@dure.demo", "고은별"))));

  /**
   * Loads the demo unless the database already holds any organisation or program. Safe when two
   * instances start at once: the check and the load run under one advisory lock.
   *
   * @return the demo logins, or an empty list when nothing was loaded
   */
  public Future<List<Login>> loadIfEmpty() {
    // hashed once, off the event loop and outside the transaction: every demo account shares the published password
    return services.hasher().hash(PASSWORD)
        .compose(hash -> services.pool().withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(hashtext('dure.demo'))").execute()
            .compose(v -> tx.query("SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM program) AS n").execute())
            .compose(rows -> {
              long existing = rows.iterator().next().getLong("n");
              if (existing > 0) {
                LOG.info("The database already holds data: demo data not loaded");
                return Future.succeededFuture(List.<Login>of());
              }
              return load(tx, hash);
            })));
  }

  private Future<List<Login>> load(SqlConnection tx, String passwordHash) {
    List<Login> logins = new ArrayList<>();
    ProgramRepository programs = services.programRepository();
    return programs.insertProgram(tx, "MSS-2026-COLLAB",
            "협업형 지역생활경제 활성화 시범사업", "Collaborative regional living-economy pilot",
            "지역 기업이 함께 만들고 지역 안에서 순환되는 생활경제 모델을 발굴합니다. 인구감소(관심)지역 기초 지방정부가 컨소시엄으로 신청합니다.",
            "Regional firms build together a living economy whose value circulates inside the region. Basic local governments of depopulation (watch) regions apply as consortia.",
            2026)
        .compose(programId -> programs.insertCall(tx, new ProgramRepository.NewCall(programId,
            "2026년 협업형 지역생활경제 활성화 시범사업 공고", "2026 call: collaborative regional living-economy pilot",
            LocalDate.of(2026, 5, 29), LocalDate.of(2026, 6, 12), 3,
            300_000_000L, 130_000_000L, 430_000_000L, "SELECTED")))
        .compose(callId -> services.calls().insertDefaults(tx, callId, true).map(callId))
        .compose(callId -> organisation(tx, OrganisationKind.MINISTRY, "중소벤처기업부", "Ministry of SMEs and Startups", null, null)
            .compose(ministry -> user(tx, logins, passwordHash, "ministry@dure.demo", "김지원", Role.MINISTRY, ministry, "중소벤처기업부"))
            .compose(v -> organisation(tx, OrganisationKind.UNIVERSITY, "충남대학교 산학협력단", "Chungnam National University", null, "30170"))
            .compose(university -> user(tx, logins, passwordHash, "reviewer@dure.demo", "장혜원", Role.REVIEWER, university, "충남대학교 산학협력단"))
            .compose(v -> organisation(tx, OrganisationKind.DESIGN_AGENCY, "한국공예·디자인문화진흥원", "Korea Craft & Design Foundation", null, null))
            .compose(kcdf -> user(tx, logins, passwordHash, "design@dure.demo", "서가은", Role.DESIGN_AGENCY, kcdf, "한국공예·디자인문화진흥원"))
            .compose(v -> {
              Future<Void> chain = Future.succeededFuture();
              for (Consortium c : CONSORTIA) {
                chain = chain.compose(x -> consortium(tx, logins, passwordHash, callId, c));
              }
              return chain;
            }))
        .compose(v -> new DemoResources(services, Clock.systemUTC()).load(tx))
        // monitoring: monthly operating costs, so cost recovery shows on first start
        .compose(counts -> tx.query(DEMO_OPERATING_COSTS).execute().map(counts))
        .compose(counts -> new DemoProgram().load(tx).map(counts))
        // people in projects: one pending invitation, so the members page shows one on first start
        .compose(counts -> pendingInvitation(tx).map(counts))
        // monitoring (issue 5): the county runs the housing service, so its usage is money kept in the region
        .compose(counts -> tx.query("""
            UPDATE local_service s SET provider_organisation_id = p.lead_organisation_id FROM project p
             WHERE p.id = s.project_id AND s.category = 'HOUSING' AND s.provider_organisation_id IS NULL""").execute().map(counts))
        .compose(counts -> services.audit().record(tx, Actor.system("demo"), "demo.load", "program", "MSS-2026-COLLAB",
            new JsonObject().put("projects", CONSORTIA.size()).put("users", logins.size())
                .put("resources", counts.resources()).put("bookings", counts.bookings())).map(counts))
        .map(counts -> {
          LOG.info("Demo data loaded: {} projects, {} users, {} resources, {} departures, {} bookings", CONSORTIA.size(),
              logins.size(), counts.resources(), counts.departures(), counts.bookings());
          return List.copyOf(logins);
        });
  }

  private Future<Void> consortium(SqlConnection tx, List<Login> logins, String hash, long callId, Consortium c) {
    return organisation(tx, OrganisationKind.LOCAL_GOV, c.countyName(), c.countyNameEn(), null, c.regionCode())
        .compose(county -> organisation(tx, OrganisationKind.INNOVATION_INSTITUTION, c.institution(), c.institutionEn(), null, null)
            .compose(institution -> services.projectRepository().insert(tx, new NewProject(callId, c.code(), c.titleKo(), c.titleEn(),
                    county, c.regionCode(), c.types(), "ACTIVE", 300_000_000L, 130_000_000L))
                .compose(projectId -> services.projectRepository().addOrganisation(tx, projectId, county, "LEAD")
                    .compose(v -> services.projectRepository().addOrganisation(tx, projectId, institution, "MEMBER"))
                    .compose(v -> user(tx, logins, hash, c.localGovEmail(), c.localGovUser(), Role.LOCAL_GOV, county, c.countyName()))
                    .compose(uid -> services.projectRepository().addUser(tx, projectId, uid, "MEMBER"))
                    .compose(v -> user(tx, logins, hash, c.coordinatorEmail(), c.coordinatorName(), Role.COORDINATOR, institution, c.institution()))
                    .compose(uid -> services.projectRepository().addUser(tx, projectId, uid, "COORDINATOR"))
                    .compose(v -> firms(tx, logins, hash, projectId, c)))));
  }

  private Future<Void> firms(SqlConnection tx, List<Login> logins, String hash, long projectId, Consortium c) {
    Future<Void> chain = Future.succeededFuture();
    for (Firm f : c.firms()) {
      chain = chain.compose(v -> organisation(tx, OrganisationKind.SME, f.name(), f.nameEn(), f.businessNumber(), c.regionCode())
          .compose(org -> services.projectRepository().addOrganisation(tx, projectId, org, "MEMBER")
              .compose(x -> user(tx, logins, hash, f.userEmail(), f.userName(), Role.FIRM, org, f.name()))).mapEmpty());
    }
    return chain;
  }

  /**
   * People in projects: Imsil's coordinator has invited a second person of 임실숲골치즈. Nobody holds
   * the link (only a hash of random bytes is stored); "send again" on the members page makes one.
   */
  private Future<Void> pendingInvitation(SqlConnection tx) {
    byte[] unknownTokenHash = new byte[32];
    new java.security.SecureRandom().nextBytes(unknownTokenHash);
    return tx.query("""
            SELECT p.id AS project_id, o.id AS organisation_id, u.id AS coordinator_id
              FROM project p
              JOIN organisation o ON o.business_number = '4188100122'
              JOIN app_user u ON u.email = 'coordinator.imsil@dure.demo'
             WHERE p.code = 'P-2026-01'
            """).execute()
        .compose(rows -> {
          var r = rows.iterator().next();
          return new kr.dure.project.InvitationRepository().insert(tx, r.getLong("project_id"), r.getLong("organisation_id"),
              "packing@dure.demo", "김다은", Role.FIRM.name(), unknownTokenHash, r.getLong("coordinator_id"),
              kr.dure.project.InvitationService.VALID_DAYS);
        }).mapEmpty();
  }

  private Future<Long> organisation(SqlConnection tx, OrganisationKind kind, String name, String nameEn, String businessNumber,
      String regionCode) {
    return services.organisations().insert(tx, new NewOrganisation(kind, name, nameEn, businessNumber, regionCode, null));
  }

  private Future<Long> user(SqlConnection tx, List<Login> logins, String hash, String email, String name, Role role,
      long organisationId, String organisationName) {
    logins.add(new Login(role, email, name, organisationName));
    return services.users().insert(tx, new NewUser(email, name, role, organisationId, "ko", DemoData.PASSWORD), hash);
  }
}
