package kr.dure.demo;

import static kr.dure.resource.ResourceKind.DELIVERY_RUN;
import static kr.dure.resource.ResourceKind.EQUIPMENT;
import static kr.dure.resource.ResourceKind.FACILITY;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import kr.dure.Services;
import kr.dure.booking.BookingRules;
import kr.dure.booking.BookingStatus;
import kr.dure.booking.FeeCalculator;
import kr.dure.common.Zones;
import kr.dure.resource.FeeBasis;
import kr.dure.resource.OpeningHours;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceInput;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRepository;
import kr.dure.resource.ResourceRules;

/**
 * The shared resources of the three demo projects and their history: equipment, facilities and
 * delivery runs with realistic rules, training records, maintenance blackouts, departures from four
 * weeks ago to six weeks ahead, and bookings in every state around "today" (Asia/Seoul).
 *
 * <p>Everything is planned in memory first, under the same invariants the database keeps (no
 * overlap of exclusive equipment including its buffer, facility units never over capacity,
 * departures never over pallets or kilograms) and the rules the booking service applies (opening
 * hours, holidays, blackouts, steps, lengths, qualifications, quotas), then written in a few
 * batches. The random generator has a fixed seed, so a first start on the same day always gives
 * the same data; dates are relative to today so the demo always looks current.
 */
final class DemoResources {

  private static final long SEED = 20_260_529L;
  private static final int DAYS_BACK = 28;
  private static final int DAYS_AHEAD = 42;

  /** What was loaded, for the start-up log line. */
  record Counts(int resources, int departures, int bookings, int qualifications, int blackouts, int waitlist) {
  }

  private static final String PROJECTS = """
      SELECT p.id, p.code,
             (SELECT pu.user_id FROM project_user pu
               WHERE pu.project_id = p.id AND pu.project_role = 'COORDINATOR' ORDER BY pu.user_id LIMIT 1) AS coordinator_id
        FROM project p ORDER BY p.code
      """;
  private static final String FIRMS = """
      SELECT po.project_id, o.id AS organisation_id, u.id AS user_id, u.email
        FROM project_organisation po
        JOIN organisation o ON o.id = po.organisation_id AND o.kind = 'SME'
        JOIN app_user u ON u.organisation_id = o.id AND u.role = 'FIRM'
       ORDER BY po.project_id, u.id
      """;
  private static final String INSERT_DEPARTURE = """
      INSERT INTO delivery_departure (resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity,
                                      booked_pallets, booked_kg, cancelled)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
      """;
  private static final String INSERT_BOOKING = """
      INSERT INTO booking (resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at, blocked_until,
                           units, pallets, kg, status, series_id, purpose, fee_won, late_cancel, checked_in_at, checked_out_at,
                           cancelled_at, decided_by, decided_at, reason, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
      RETURNING id
      """;
  private static final String INSERT_WAITLIST = """
      INSERT INTO waitlist_entry (resource_id, departure_id, organisation_id, user_id, starts_at, ends_at, units, pallets, kg,
                                  purpose, status, offered_booking_id, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      """;
  private static final String INSERT_NOTIFICATION = """
      INSERT INTO notification (user_id, kind, params, link, created_at, read_at) VALUES ($1, $2, $3, $4, $5, $6)
      """;

  // ---------------------------------------------------------------- the resources

  private static final int H = 60;
  private static final int DAY = 1440;

  private static final List<Spec> SPECS = List.of(
      // P-2026-01 임실: cheese and dairy
      new Spec("P-2026-01", FACILITY, "치즈 숙성고", "Cheese ageing room")
          .describe("온도 10–13℃, 습도 85–90%로 관리하는 자연치즈 숙성실입니다. 선반 단위로 하루씩 예약하며 24시간 입출고할 수 있습니다. 입출고 때 위생복을 착용해 주세요.",
              "Natural-cheese ageing room kept at 10–13 °C and 85–90 % humidity. Shelves are booked by the day and can be loaded around the clock. Wear hygiene clothing when loading.")
          .at("임실치즈테마파크 공동가공센터 B동 1층").units(24, "선반", "shelves").fee(3_000, FeeBasis.PER_UNIT_DAY)
          .rules(r -> r.openOnHolidays().slot(DAY).length(DAY, 30 * DAY).cancel(48, 50).checkIn(120))
          .use(0.35, 1, 2, 6, 7 * DAY, 10 * DAY, 14 * DAY, 21 * DAY, 28 * DAY)
          .purposes("임실 카망베르 4주 숙성", "고다치즈 숙성 (2차 로트)", "체다치즈 숙성 시험", "지역 축제 납품용 숙성치즈", "숙성치즈 선물세트 물량"),
      new Spec("P-2026-01", EQUIPMENT, "동결건조기", "Freeze dryer")
          .describe("진공 동결건조기(트레이 12단, 1회 최대 30kg). 치즈 스낵·요거트 큐브 시제품에 씁니다. 안전교육 이수자만 예약할 수 있고, 사용 뒤 30분 세척 시간이 자동으로 확보됩니다.",
              "Vacuum freeze dryer (12 trays, up to 30 kg a batch) for cheese snacks and yogurt cubes. Trained users only; 30 minutes of cleaning are kept free after each booking.")
          .at("공동가공센터 A동 가공실 2").fee(15_000, FeeBasis.PER_HOUR).hours(weekdays(9 * H, 18 * H))
          .rules(r -> r.slot(30).length(120, 480).buffer(30).qualification().noShowAfter(30).weekly(16))
          .use(0.55, 2, 1, 1, 120, 180, 240, 300, 360, 480)
          .qualified("cheese@dure.demo", "dairy@dure.demo", "localfood@dure.demo").expired("coldchain@dure.demo")
          .purposes("치즈 스낵 시제품 동결건조", "요거트 큐브 건조 (납품 샘플)", "동결건조 치즈 큐브 2차 생산", "학교급식 납품용 시제품"),
      new Spec("P-2026-01", EQUIPMENT, "진공포장기", "Vacuum packer")
          .describe("챔버형 진공포장기(더블 실링). 숙성 치즈와 가공품 소포장에 씁니다. 토요일 오전에도 열립니다.",
              "Double-seal chamber vacuum packer for portioning aged cheese and processed goods. Also open on Saturday mornings.")
          .at("공동가공센터 A동 포장실").fee(5_000, FeeBasis.PER_HOUR).hours(weekdaysAndSaturday(9 * H, 18 * H, 9 * H, 13 * H))
          .rules(r -> r.slot(30).length(30, 240).buffer(15).noShowAfter(20).cancel(12, 50))
          .use(0.7, 3, 1, 1, 30, 60, 90, 120, 180)
          .purposes("숙성치즈 소포장 (온라인 주문분)", "선물세트 진공포장", "스트링치즈 포장", "로컬푸드 직매장 납품분 포장"),
      new Spec("P-2026-01", FACILITY, "유가공 공유 작업장", "Shared dairy processing room")
          .describe("살균기와 치즈 배트를 갖춘 HACCP 공유 작업장입니다. 작업대 4개를 나눠 쓰며 코디네이터 승인 뒤 확정됩니다. 사용 뒤 30분 세척·소독.",
              "HACCP-certified processing room with pasteuriser and cheese vats; four workstations are used side by side. Bookings are confirmed by the coordinator; 30 minutes of sanitising follow each use.")
          .at("공동가공센터 A동 1층").units(4, "작업대", "workstations").fee(8_000, FeeBasis.PER_HOUR).hours(weekdays(8 * H, 18 * H))
          .rules(r -> r.slot(60).length(120, 480).buffer(30).approval().weekly(24).noShowAfter(30).checkIn(30))
          .use(0.7, 3, 1, 2, 120, 180, 240, 300, 480)
          .purposes("리코타 치즈 생산", "모차렐라 스트레칭 작업", "요거트 발효 배치", "치즈 만들기 체험 키트 준비", "신제품 레시피 시험"),
      new Spec("P-2026-01", DELIVERY_RUN, "냉장 탑차 서울 가락시장행", "Refrigerated truck to Seoul Garak market")
          .describe("5톤 냉장 탑차(0–5℃)가 화·금 새벽 6시에 임실을 출발해 10시에 가락시장에 도착합니다. 전날 17시까지 팔레트와 중량을 예약하세요.",
              "A 5-tonne refrigerated truck (0–5 °C) leaves Imsil at 06:00 every Tuesday and Friday and reaches Garak market at 10:00. Book pallets and weight by 17:00 the day before.")
          .at("임실치즈테마파크 공동 집하장").units(1, "팔레트", "pallets").fee(20_000, FeeBasis.PER_PALLET)
          .route("임실 공동 집하장 → 전주IC → 서울 송파구 가락동 농수산물도매시장")
          .rules(r -> r.checkIn(60))
          .run(new Run(Set.of(2, 5), 6 * H, 240, 1, 17 * H, 12, 5_000, 4, 4, 200, 400))
          .fillOne()
          .purposes("가락시장 경매 출하 (숙성치즈)", "요거트·우유 도매 납품", "서울 대형마트 물류센터 납품", "온라인몰 출고분 이관"),
      new Spec("P-2026-01", EQUIPMENT, "라벨 프린터", "Label printer")
          .describe("공동브랜드 '임실N치즈' 라벨과 영양성분표를 출력하는 산업용 라벨 프린터입니다. 무료.",
              "Industrial label printer for the joint-brand labels and nutrition panels. Free of charge.")
          .at("공동가공센터 A동 포장실").hours(weekdays(9 * H, 18 * H))
          .rules(r -> r.slot(30).length(null, 120).cancel(2, 0))
          .use(0.5, 2, 1, 1, 30, 60, 90, 120)
          .purposes("공동브랜드 라벨 출력", "영양성분표 라벨 교체", "선물세트 스티커 출력"),
      new Spec("P-2026-01", EQUIPMENT, "소회의실 (8인)", "Small meeting room (8 seats)")
          .describe("공동가공센터 2층 회의실입니다. 바이어 상담과 교육에 쓰세요. 화상회의 장비가 있습니다.",
              "Meeting room on the second floor for buyer meetings and training; video-conferencing kit included.")
          .at("공동가공센터 A동 2층").hours(weekdays(9 * H, 18 * H))
          .rules(r -> r.slot(30).length(null, 240).notice(60).cancel(2, 0))
          .use(0.6, 2, 1, 1, 60, 90, 120)
          .purposes("바이어 상담", "컨소시엄 월간 회의", "HACCP 교육", "디자인 컨설팅 (KCDF)"),
      new Spec("P-2026-01", EQUIPMENT, "요거트 컵 충진기", "Yogurt cup filler")
          .describe("시간당 1,200컵 자동 충진·실링기입니다. 코디네이터 승인 뒤 확정되며 사용 뒤 1시간 CIP 세척이 필요합니다.",
              "Automatic cup filler and sealer, 1,200 cups an hour. Confirmed by the coordinator; one hour of clean-in-place after each use.")
          .at("공동가공센터 A동 가공실 1").fee(12_000, FeeBasis.PER_HOUR).hours(weekdays(9 * H, 18 * H))
          .rules(r -> r.slot(60).length(60, 360).buffer(60).approval().noShowAfter(30).cancel(48, 30))
          .use(0.45, 2, 1, 1, 60, 120, 180, 240)
          .purposes("그릭요거트 컵 충진", "학교 우유급식 시제품", "딸기요거트 신제품 충진"),

      // P-2026-02 의성: garlic joint brand and logistics
      new Spec("P-2026-02", EQUIPMENT, "흑마늘 숙성기", "Black-garlic ageing chamber")
          .describe("70℃ 항온·항습 흑마늘 숙성기(1회 500kg). 연속 운전 장비라 최소 1일, 최대 7일 단위로 예약하며 다음 사용 전 4시간 냉각·청소 시간이 있습니다. 교육 이수자만 예약할 수 있습니다.",
              "Constant 70 °C ageing chamber for black garlic (500 kg a load). It runs continuously: book at least one and at most seven days; four hours of cooling and cleaning follow each use. Trained users only.")
          .at("의성 마늘가공센터 숙성동").fee(25_000, FeeBasis.PER_UNIT_DAY)
          .rules(r -> r.openOnHolidays().slot(60).length(DAY, 7 * DAY).buffer(240).qualification().cancel(72, 50).checkIn(60))
          .use(0.3, 1, 1, 1, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY).startBetween(9 * H, 15 * H)
          .qualified("garlic@dure.demo", "garlicpro@dure.demo").expired("angye@dure.demo")
          .purposes("흑마늘 1차 숙성", "흑마늘 진액 원료 숙성", "선물세트용 흑마늘 숙성"),
      new Spec("P-2026-02", EQUIPMENT, "마늘 박피기", "Garlic peeler")
          .describe("압축공기식 마늘 박피기(시간당 150kg). 사용 뒤 30분 청소 시간이 있고 토요일 오전에도 열립니다.",
              "Compressed-air garlic peeler (150 kg an hour); 30 minutes of cleaning after each use. Also open on Saturday mornings.")
          .at("의성 마늘가공센터 1층").fee(10_000, FeeBasis.PER_HOUR).hours(weekdaysAndSaturday(9 * H, 18 * H, 9 * H, 13 * H))
          .rules(r -> r.slot(30).length(60, 240).buffer(30).noShowAfter(30).weekly(12))
          .use(0.75, 3, 1, 1, 60, 90, 120, 180, 240)
          .purposes("깐마늘 납품분 박피", "다진마늘 원료 박피", "학교급식 깐마늘", "흑마늘 원료 선별·박피"),
      new Spec("P-2026-02", FACILITY, "저온창고", "Cold store")
          .describe("마늘 저장용 0–2℃ 저온창고, 팔레트 40자리. 하루 단위로 예약하며 24시간 입출고할 수 있습니다.",
              "0–2 °C cold store for garlic with 40 pallet spaces, booked by the day and open around the clock.")
          .at("의성 공동물류센터 저온동").units(40, "팔레트 자리", "pallet spaces").fee(4_000, FeeBasis.PER_UNIT_DAY)
          .rules(r -> r.openOnHolidays().slot(DAY).length(DAY, 30 * DAY).checkIn(240))
          .use(0.4, 1, 2, 8, 3 * DAY, 7 * DAY, 14 * DAY, 21 * DAY, 30 * DAY)
          .purposes("수확 마늘 저장", "깐마늘 출하 대기", "흑마늘 원료 보관", "택배 출고 대기 물량"),
      new Spec("P-2026-02", EQUIPMENT, "공동 포장 라인", "Shared packing line")
          .describe("계량·소분·실링·박스포장 연속 라인(작업자 2인 필요). 코디네이터 승인 뒤 확정되며 업체 사이 1시간 품목 전환 시간이 있습니다. 업체별 월 60시간까지.",
              "Continuous weighing, portioning, sealing and boxing line (two operators needed). Confirmed by the coordinator; one hour of changeover between firms; up to 60 hours a month per firm.")
          .at("의성 공동물류센터 포장동").fee(20_000, FeeBasis.PER_HOUR).hours(weekdays(8 * H, 18 * H))
          .rules(r -> r.slot(60).length(120, 480).buffer(60).approval().noShowAfter(60).monthly(60).cancel(48, 50).checkIn(30))
          .use(0.6, 2, 1, 1, 120, 180, 240, 360, 480)
          .purposes("의성마늘 공동브랜드 1kg 소포장", "명절 선물세트 포장", "온라인몰 정기배송 포장", "흑마늘즙 박스 포장"),
      new Spec("P-2026-02", DELIVERY_RUN, "택배 집하 트럭 (대구 허브)", "Parcel pick-up truck to the Daegu hub")
          .describe("월·수·금 15시에 의성 공동물류센터를 출발해 17시에 대구 택배 허브에 도착합니다. 당일 12시에 예약이 마감됩니다.",
              "Leaves the Uiseong shared logistics centre at 15:00 on Mondays, Wednesdays and Fridays and reaches the Daegu parcel hub at 17:00. Booking closes at noon the same day.")
          .at("의성 공동물류센터 상차장").units(1, "팔레트", "pallets").fee(15_000, FeeBasis.PER_PALLET)
          .route("의성 공동물류센터 → 군위IC → 대구 택배 허브터미널")
          .rules(r -> r.cancel(6, 50).checkIn(60))
          .run(new Run(Set.of(1, 3, 5), 15 * H, 120, 0, 12 * H, 8, 2_000, 3, 3, 120, 240))
          .purposes("온라인몰 택배 출고", "정기배송 고객 발송", "흑마늘 선물세트 택배", "B2B 샘플 발송"),
      new Spec("P-2026-02", EQUIPMENT, "공동브랜드 촬영 스튜디오", "Joint-brand photo studio")
          .describe("상품 사진과 라이브커머스를 찍는 스튜디오입니다(조명·배경지·카메라 포함). 코디네이터 승인 뒤 확정됩니다.",
              "Studio for product photos and live commerce, with lighting, backdrops and camera. Confirmed by the coordinator.")
          .at("의성읍 공동브랜드 센터 2층").fee(10_000, FeeBasis.PER_HOUR).hours(weekdays(10 * H, 18 * H))
          .rules(r -> r.slot(60).length(60, 240).approval().noShowAfter(30))
          .use(0.4, 2, 1, 1, 60, 120, 180, 240)
          .purposes("라이브커머스 방송", "신제품 상세페이지 촬영", "공동브랜드 카탈로그 촬영", "SNS 홍보 영상 촬영"),
      new Spec("P-2026-02", FACILITY, "마늘 건조장", "Garlic drying shed")
          .describe("통풍식 마늘 건조장, 건조대 10개. 수확기 자연건조용으로 하루 단위로 예약합니다.",
              "Ventilated drying shed with 10 racks for field-cured garlic, booked by the day.")
          .at("의성군 안계면 공동 건조장").units(10, "건조대", "racks").fee(2_000, FeeBasis.PER_UNIT_DAY)
          .rules(r -> r.openOnHolidays().slot(DAY).length(DAY, 14 * DAY).checkIn(240))
          .use(0.3, 1, 1, 4, 3 * DAY, 5 * DAY, 7 * DAY, 10 * DAY, 14 * DAY)
          .purposes("햇마늘 자연건조", "종구용 마늘 건조", "쪽마늘 건조"),
      new Spec("P-2026-02", EQUIPMENT, "전동 지게차", "Electric forklift")
          .describe("1.5톤 전동 지게차. 지게차 운전 교육을 이수한 사람만 예약할 수 있습니다. 무료.",
              "1.5-tonne electric forklift. Only users with forklift training may book it. Free of charge.")
          .at("의성 공동물류센터 상차장").hours(weekdays(8 * H, 18 * H))
          .rules(r -> r.slot(30).length(30, 120).qualification().cancel(2, 0))
          .use(0.6, 3, 1, 1, 30, 60, 90, 120)
          .qualified("garlicpro@dure.demo", "angye@dure.demo", "delivery@dure.demo").expired("garlic@dure.demo")
          .purposes("저온창고 입고 작업", "택배 트럭 상차", "원물 하차", "팔레트 재적재"),

      // P-2026-03 괴산: organic shared kitchen and living services
      new Spec("P-2026-03", FACILITY, "공유주방", "Shared kitchen")
          .describe("화구·오븐·조리대를 갖춘 조리 스테이션 4개. 시간 단위로 예약하며 업체별 주 20시간(스테이션·시간)까지 쓸 수 있습니다. 토요일 오전에도 열립니다.",
              "Four cooking stations with hobs, ovens and worktops, booked by the hour; up to 20 station-hours a week per firm. Also open on Saturday mornings.")
          .at("괴산읍 산막이 공유주방 1층").units(4, "스테이션", "stations").fee(7_000, FeeBasis.PER_HOUR)
          .hours(weekdaysAndSaturday(7 * H, 21 * H, 8 * H, 14 * H))
          .rules(r -> r.slot(60).length(60, 480).weekly(20).noShowAfter(30))
          .use(0.85, 4, 1, 2, 60, 120, 180, 240, 300)
          .purposes("유기농 반찬 조리", "도시락 시제품 개발", "옥수수 스프 생산", "쿠킹 클래스", "로컬푸드 직매장 납품 반찬"),
      new Spec("P-2026-03", EQUIPMENT, "절임배추 세척기", "Salted-cabbage washer")
          .describe("3단 버블 세척·탈수 라인(시간당 2톤). 교육 이수자 전용이며 사용 뒤 1시간 배수·청소 시간이 있습니다.",
              "Three-stage bubble washer and dewaterer (2 t an hour). Trained users only; one hour of draining and cleaning after each use.")
          .at("청천면 절임배추 공동작업장").fee(12_000, FeeBasis.PER_HOUR).hours(weekdaysAndSaturday(7 * H, 19 * H, 7 * H, 19 * H))
          .rules(r -> r.slot(60).length(120, 480).buffer(60).qualification().noShowAfter(30))
          .use(0.5, 2, 1, 1, 120, 180, 240, 360)
          .qualified("kimchi@dure.demo", "organic@dure.demo", "kitchen@dure.demo").expired("corn@dure.demo")
          .purposes("절임배추 세척 (예약 주문분)", "김장용 절임배추 세척", "유기농 배추 세척·탈수"),
      new Spec("P-2026-03", EQUIPMENT, "옥수수 탈곡기", "Corn sheller")
          .describe("괴산 대학찰옥수수 전용 탈곡기. 사용 뒤 30분 청소 시간이 있습니다.",
              "Sheller for Goesan waxy corn; 30 minutes of cleaning after each use.")
          .at("괴산 농산물 공동집하장 가공실").fee(8_000, FeeBasis.PER_HOUR).hours(weekdays(8 * H, 18 * H))
          .rules(r -> r.slot(30).length(60, 300).buffer(30).noShowAfter(30))
          .use(0.5, 2, 1, 1, 60, 90, 120, 180, 240)
          .purposes("찰옥수수 알곡 탈곡", "옥수수차 원료 가공", "냉동 옥수수 알갱이 생산"),
      new Spec("P-2026-03", EQUIPMENT, "식품 건조기", "Food dehydrator")
          .describe("20단 열풍 식품 건조기. 밤새 연속 운전하며 4–24시간 단위로 예약합니다. 사용 뒤 1시간 청소.",
              "20-tray hot-air dehydrator that runs through the night, booked for 4 to 24 hours; one hour of cleaning after each use.")
          .at("괴산읍 산막이 공유주방 2층").fee(4_000, FeeBasis.PER_HOUR)
          .rules(r -> r.openOnHolidays().slot(60).length(240, DAY).buffer(60))
          .use(0.55, 1, 1, 1, 240, 360, 480, 720, 1080, 1440).startBetween(8 * H, 20 * H)
          .purposes("고추 건조", "사과칩 건조", "나물 건조 (취나물·고사리)", "옥수수 건조"),
      new Spec("P-2026-03", FACILITY, "냉동창고", "Freezer store")
          .describe("-20℃ 냉동창고, 팔레트 20자리. 하루 단위로 예약하며 24시간 입출고할 수 있습니다.",
              "-20 °C freezer store with 20 pallet spaces, booked by the day and open around the clock.")
          .at("괴산 농산물 공동집하장 냉동동").units(20, "팔레트 자리", "pallet spaces").fee(5_000, FeeBasis.PER_UNIT_DAY)
          .rules(r -> r.openOnHolidays().slot(DAY).length(DAY, 30 * DAY).checkIn(240))
          .use(0.4, 1, 1, 4, 2 * DAY, 5 * DAY, 7 * DAY, 14 * DAY, 21 * DAY)
          .purposes("냉동 옥수수 보관", "반찬 냉동 재고", "절임배추 냉동 원료", "도시락 식재료 보관"),
      new Spec("P-2026-03", DELIVERY_RUN, "괴산→청주 로컬푸드 직매장 배송", "Goesan to Cheongju local-food stores")
          .describe("화·목 07시에 출발해 청주 로컬푸드 직매장 두 곳에 09시 30분까지 납품합니다. 전날 18시 마감, 업체별 주 4팔레트까지.",
              "Leaves at 07:00 on Tuesdays and Thursdays and delivers to two Cheongju local-food stores by 09:30. Booking closes at 18:00 the day before; up to 4 pallets a week per firm.")
          .at("괴산군 농산물 공동집하장").units(1, "팔레트", "pallets").fee(12_000, FeeBasis.PER_PALLET)
          .route("괴산 공동집하장 → 증평 → 청주 로컬푸드 직매장 오창점 → 가경점")
          .rules(r -> r.weekly(4).checkIn(60))
          .run(new Run(Set.of(2, 4), 7 * H, 150, 1, 18 * H, 6, 1_500, 3, 2, 120, 240))
          .purposes("직매장 반찬 납품", "찰옥수수 납품", "유기농 채소 납품", "절임배추 직배송"),
      new Spec("P-2026-03", DELIVERY_RUN, "마을 반찬 배달 (칠성·청천면)", "Village side-dish delivery (Chilseong, Cheongcheon)")
          .describe("매주 수요일 10시, 공유주방에서 만든 반찬을 칠성·청천면 어르신 댁과 마을회관에 배달합니다. 전날 15시 마감, 무료(군 지원).",
              "Every Wednesday at 10:00 side dishes cooked in the shared kitchen go to older residents and village halls in Chilseong and Cheongcheon. Booking closes at 15:00 the day before. Free (county-funded).")
          .at("괴산읍 산막이 공유주방").units(1, "대차", "roll cages")
          .route("괴산읍 공유주방 → 칠성면 마을회관 → 청천면 경로당")
          .rules(r -> r.cancel(24, 0).checkIn(60))
          .run(new Run(Set.of(3), 10 * H, 180, 1, 15 * H, 2, 300, 2, 1, 40, 120))
          .purposes("어르신 반찬 배달", "마을회관 공동식사 식재료"),
      new Spec("P-2026-03", EQUIPMENT, "레토르트 살균기", "Retort steriliser")
          .describe("파우치·캔 제품용 레토르트 살균기(121℃). 코디네이터 승인과 안전교육이 모두 필요하며 업체별 월 40시간까지 쓸 수 있습니다.",
              "Retort steriliser (121 °C) for pouches and cans. Needs both coordinator approval and safety training; up to 40 hours a month per firm.")
          .at("괴산 농산물 공동집하장 가공실").fee(18_000, FeeBasis.PER_HOUR).hours(weekdays(9 * H, 18 * H))
          .rules(r -> r.slot(60).length(120, 360).buffer(60).approval().qualification().monthly(40).noShowAfter(30).cancel(48, 50))
          .use(0.45, 2, 1, 1, 120, 180, 240, 360)
          .qualified("organic@dure.demo", "corn@dure.demo", "kitchen@dure.demo")
          .purposes("옥수수 스프 파우치 살균", "유기농 이유식 레토르트", "반찬 파우치 살균 시험"));

  /** Maintenance: project, resource, days from today (moved to the next working day), local times, reason. */
  private record BlackoutSpec(String project, String resource, int inDays, int days, int fromMinute, int toMinute, String reason) {
  }

  private static final List<BlackoutSpec> BLACKOUTS = List.of(
      new BlackoutSpec("P-2026-01", "동결건조기", 9, 0, 9 * H, 18 * H, "정기 점검: 진공 펌프 오일 교체 (scheduled maintenance: vacuum-pump oil change)"),
      new BlackoutSpec("P-2026-01", "유가공 공유 작업장", 16, 0, 8 * H, 13 * H, "HACCP 정기 위생 점검 (HACCP hygiene inspection)"),
      new BlackoutSpec("P-2026-02", "마늘 박피기", 12, 1, 9 * H, 18 * H, "롤러·노즐 교체 수리 (repair: rollers and nozzles replaced)"),
      new BlackoutSpec("P-2026-02", "공동 포장 라인", 19, 0, 8 * H, 18 * H, "실링기 히터 교체 (sealer heater replacement)"),
      new BlackoutSpec("P-2026-03", "공유주방", 15, 0, 7 * H, 21 * H, "전문 업체 방역·소독 (professional pest control and disinfection)"),
      new BlackoutSpec("P-2026-03", "절임배추 세척기", 20, 0, 7 * H, 13 * H, "배수 펌프 점검 (drain-pump inspection)"));

  private static final List<String> REJECT_REASONS = List.of(
      "해당 시간에 설비 담당자가 없습니다. 다른 날로 다시 신청해 주세요.",
      "같은 주에 공동 생산 일정이 잡혀 있어 조정이 필요합니다.",
      "위생교육 이수 확인 뒤 다시 신청해 주세요.",
      "신청 물량이 많아 두 번으로 나눠 신청해 주세요.",
      "제품 사양서(원료·공정)를 먼저 제출해 주세요.");
  private static final List<String> CANCEL_REASONS = List.of(
      "납품 일정 변경", "원료 입고 지연", "주문 취소", "작업 인력 부족", "날씨로 수확 지연", "");

  // ---------------------------------------------------------------- state of one load

  private final Services services;
  private final Clock clock;
  private final ZoneId zone = Zones.SEOUL;
  private final Random rnd = new Random(SEED);
  private Random detail = new Random(SEED);
  private Instant now;
  private LocalDate today;
  private Set<LocalDate> holidays = Set.of();
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final List<Res> resources = new ArrayList<>();
  private final List<Departure> departures = new ArrayList<>();
  private final List<Plan> plans = new ArrayList<>();
  private final List<Wait> waits = new ArrayList<>();
  private final Map<String, Double> quotaUse = new HashMap<>();
  private int qualificationCount;
  private int blackoutCount;

  DemoResources(Services services, Clock clock) {
    this.services = services;
    this.clock = clock;
  }

  /** Loads everything inside the demo's transaction. */
  Future<Counts> load(SqlConnection tx) {
    now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    today = LocalDate.ofInstant(now, zone);
    ResourceRepository repo = services.resourceRepository();
    return people(tx)
        .compose(v -> repo.holidays(tx, today.minusDays(DAYS_BACK + 7), today.plusDays(DAYS_AHEAD + 60)))
        .compose(days -> {
          holidays = days;
          return insertResources(tx, repo);
        })
        .compose(v -> insertQualifications(tx, repo))
        .compose(v -> insertBlackouts(tx, repo))
        .compose(v -> {
          plan();
          return insertDepartures(tx);
        })
        .compose(v -> insertBookings(tx))
        .compose(v -> insertWaitlist(tx))
        .compose(v -> insertNotifications(tx))
        .map(v -> new Counts(resources.size(), departures.size(), plans.size(), qualificationCount, blackoutCount, waits.size()));
  }

  // ---------------------------------------------------------------- who is there

  private record Firm(long organisationId, long userId, String email) {
  }

  private static final class Project {
    final long id;
    final String code;
    final long coordinatorId;
    final List<Firm> firms = new ArrayList<>();

    Project(long id, String code, long coordinatorId) {
      this.id = id;
      this.code = code;
      this.coordinatorId = coordinatorId;
    }

    Firm firm(String email) {
      return firms.stream().filter(f -> f.email().equals(email)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no demo firm " + email + " in " + code));
    }
  }

  private Future<Void> people(SqlConnection tx) {
    return tx.query(PROJECTS).execute().compose(rows -> {
      Map<Long, Project> byId = new HashMap<>();
      for (Row r : rows) {
        Project p = new Project(r.getLong("id"), r.getString("code"), r.getLong("coordinator_id"));
        projects.put(p.code, p);
        byId.put(p.id, p);
      }
      return tx.query(FIRMS).execute().map(firms -> {
        for (Row r : firms) {
          byId.get(r.getLong("project_id")).firms.add(new Firm(r.getLong("organisation_id"), r.getLong("user_id"), r.getString("email")));
        }
        return null;
      });
    });
  }

  // ---------------------------------------------------------------- resources, qualifications, blackouts

  /** A resource as inserted, with what the planner needs to know about it. */
  private static final class Res {
    final Spec spec;
    final Project project;
    final Resource resource;
    final List<Plan> plans = new ArrayList<>();
    final List<Instant[]> blackouts = new ArrayList<>();
    /** user id → the days their training record is valid. */
    final Map<Long, LocalDate[]> qualified = new HashMap<>();

    Res(Spec spec, Project project, Resource resource) {
      this.spec = spec;
      this.project = project;
      this.resource = resource;
    }

    ResourceRules rules() {
      return resource.rules();
    }
  }

  private Future<Void> insertResources(SqlConnection tx, ResourceRepository repo) {
    Future<Void> chain = Future.succeededFuture();
    for (Spec s : SPECS) {
      Project p = projects.get(s.project);
      if (p == null) {
        continue;
      }
      ResourceInput in = new ResourceInput(p.id, s.kind, s.nameKo, s.nameEn, s.descriptionKo, s.descriptionEn, s.location,
          s.capacity, s.unitKo, s.unitEn, s.route, s.fee, s.basis, s.rules.build(), s.hours);
      chain = chain.compose(v -> repo.insert(tx, in).map(id -> {
        resources.add(new Res(s, p, new Resource(id, in.projectId(), in.kind(), in.nameKo(), in.nameEn(), in.descriptionKo(),
            in.descriptionEn(), in.location(), in.capacity(), in.unitLabelKo(), in.unitLabelEn(), in.route(), in.feeWon(),
            in.feeBasis(), in.rules(), true, in.openingHours(), false)));
        return null;
      }));
    }
    return chain;
  }

  private Future<Void> insertQualifications(SqlConnection tx, ResourceRepository repo) {
    Future<Void> chain = Future.succeededFuture();
    for (Res r : resources) {
      for (String email : r.spec.qualified) {
        Firm f = r.project.firm(email);
        LocalDate from = today.minusDays(90 + rnd.nextInt(120));
        LocalDate until = from.plusYears(1);
        r.qualified.put(f.userId(), new LocalDate[] {from, until});
        chain = chain.compose(v -> repo.insertQualification(tx, r.resource.id(), f.userId(), from, until,
            "안전·위생 교육 이수 (" + from.getYear() + "년 " + from.getMonthValue() + "월)", r.project.coordinatorId).mapEmpty());
        qualificationCount++;
      }
      for (String email : r.spec.expired) {
        Firm f = r.project.firm(email);
        LocalDate from = today.minusDays(500);
        LocalDate until = from.plusYears(1);
        chain = chain.compose(v -> repo.insertQualification(tx, r.resource.id(), f.userId(), from, until,
            "교육 이수 기간 만료: 재교육 필요", r.project.coordinatorId).mapEmpty());
        qualificationCount++;
      }
    }
    return chain;
  }

  private Future<Void> insertBlackouts(SqlConnection tx, ResourceRepository repo) {
    Future<Void> chain = Future.succeededFuture();
    for (BlackoutSpec b : BLACKOUTS) {
      Res r = resource(b.project(), b.resource());
      if (r == null) {
        continue;
      }
      LocalDate first = nextWorkday(today.plusDays(b.inDays()));
      LocalDate last = first;
      for (int i = 0; i < b.days(); i++) {
        last = nextWorkday(last.plusDays(1));
      }
      Instant from = at(first, b.fromMinute());
      Instant to = at(last, b.toMinute());
      r.blackouts.add(new Instant[] {from, to});
      chain = chain.compose(v -> repo.insertBlackout(tx, r.resource.id(), from, to, b.reason(), r.project.coordinatorId).mapEmpty());
      blackoutCount++;
    }
    return chain;
  }

  private Res resource(String project, String nameKo) {
    return resources.stream().filter(r -> r.spec.project.equals(project) && r.spec.nameKo.equals(nameKo)).findFirst().orElse(null);
  }

  // ---------------------------------------------------------------- the plan

  private static final class Departure {
    final Res run;
    final Instant departs;
    final Instant arrives;
    final Instant cutoff;
    final boolean cancelled;
    int bookedPallets;
    int bookedKg;
    long id;

    Departure(Res run, Instant departs, Instant arrives, Instant cutoff, boolean cancelled) {
      this.run = run;
      this.departs = departs;
      this.arrives = arrives;
      this.cutoff = cutoff;
      this.cancelled = cancelled;
    }

    int palletsLeft() {
      return run.spec.run.pallets() - bookedPallets;
    }

    int kgLeft() {
      return run.spec.run.kg() - bookedKg;
    }
  }

  /** One booking to insert. */
  private static final class Plan {
    final Res res;
    final Departure departure;
    final Firm firm;
    final Instant start;
    final Instant end;
    final Instant blocked;
    final int units;
    final int pallets;
    final int kg;
    final UUID series;
    BookingStatus status;
    /** When cancelled: after the free-cancellation deadline, whatever chance says. */
    boolean lateCancel;
    String purpose = "";
    long fee;
    boolean late;
    Instant checkedIn;
    Instant checkedOut;
    Instant cancelledAt;
    Long decidedBy;
    Instant decidedAt;
    String reason = "";
    Instant createdAt;
    Instant updatedAt;
    long id;

    Plan(Res res, Departure departure, Firm firm, Instant start, Instant end, Instant blocked, int units, int pallets, int kg,
        UUID series) {
      this.res = res;
      this.departure = departure;
      this.firm = firm;
      this.start = start;
      this.end = end;
      this.blocked = blocked;
      this.units = units;
      this.pallets = pallets;
      this.kg = kg;
      this.series = series;
    }

    long minutes() {
      return Duration.between(start, end).toMinutes();
    }

    boolean holds() {
      return BookingStatus.HOLDING.contains(status);
    }
  }

  private record Wait(Res res, Departure departure, Firm firm, Instant start, Instant end, int units, int pallets, int kg,
      String purpose, String status, Plan offered, Instant createdAt, Instant updatedAt) {
  }

  private void plan() {
    for (Res r : resources) {
      if (r.spec.kind == DELIVERY_RUN) {
        planRun(r);
      } else {
        planFixed(r);
        planTime(r);
      }
    }
    planExtras();
    ensureEveryState();
  }

  /**
   * Every project shows every state, whatever day it is: where chance left one out, a booking that
   * may take it does (never a run's, whose space is counted on its departure).
   */
  private void ensureEveryState() {
    for (Project project : projects.values()) {
      List<Plan> mine = plans.stream().filter(p -> p.res.project == project && p.departure == null && p.series == null).toList();
      ensure(mine, BookingStatus.REQUESTED, false, p -> p.status == BookingStatus.CONFIRMED && p.res.rules().approvalRequired());
      ensure(mine, BookingStatus.REJECTED, false, p -> (p.status == BookingStatus.CONFIRMED || p.status == BookingStatus.COMPLETED)
          && p.res.rules().approvalRequired());
      ensure(mine, BookingStatus.NO_SHOW, false, p -> p.status == BookingStatus.COMPLETED && p.res.rules().noShowAfterMinutes() != null
          && !p.start.plus(Duration.ofMinutes(p.res.rules().noShowAfterMinutes())).isAfter(now));
      ensure(mine, BookingStatus.CANCELLED, false, p -> p.status == BookingStatus.CONFIRMED || p.status == BookingStatus.COMPLETED);
      if (mine.stream().noneMatch(p -> p.status == BookingStatus.CANCELLED && p.late && p.fee > 0)) {
        ensure(mine, null, true, p -> p.status == BookingStatus.COMPLETED && p.res.resource.feeBasis() != FeeBasis.FREE
            && p.res.rules().lateCancelFeePercent() > 0);
      }
    }
  }

  private void ensure(List<Plan> mine, BookingStatus status, boolean lateCancel, java.util.function.Predicate<Plan> may) {
    if (status != null && mine.stream().anyMatch(p -> p.status == status)) {
      return;
    }
    List<Plan> candidates = mine.stream().filter(may).toList();
    if (candidates.isEmpty()) {
      return;
    }
    Plan p = candidates.get(candidates.size() / 2);
    p.status = lateCancel ? BookingStatus.CANCELLED : status;
    p.late = false;
    p.checkedIn = null;
    p.checkedOut = null;
    p.cancelledAt = null;
    p.decidedBy = null;
    p.decidedAt = null;
    p.reason = "";
    p.lateCancel = lateCancel;
    history(p);
  }

  /** Bookings that make the demo tell a story: something in use right now, and weekly series. */
  private void planFixed(Res r) {
    Project p = r.project;
    switch (r.spec.project + "/" + r.spec.nameKo) {
      case "P-2026-01/치즈 숙성고" -> place(r, at(today.minusDays(3), 0), 10 * DAY, 6, p.firm("cheese@dure.demo"), null, null);
      case "P-2026-02/저온창고" -> place(r, at(today.minusDays(5), 0), 14 * DAY, 8, p.firm("garlicpro@dure.demo"), null, null);
      case "P-2026-02/흑마늘 숙성기" -> place(r, at(today.minusDays(2), 10 * H), 7 * DAY, 1, p.firm("garlic@dure.demo"), null, null);
      case "P-2026-03/냉동창고" -> place(r, at(today.minusDays(1), 0), 5 * DAY, 3, p.firm("corn@dure.demo"), null, null);
      case "P-2026-03/공유주방" -> {
        // a weekly series: two stations every Tuesday morning
        UUID series = UUID.nameUUIDFromBytes("dure-demo:kitchen-tuesdays".getBytes(StandardCharsets.UTF_8));
        for (LocalDate d = firstWeekday(today.minusDays(DAYS_BACK), DayOfWeek.TUESDAY); !d.isAfter(today.plusDays(DAYS_AHEAD));
            d = d.plusWeeks(1)) {
          Plan plan = place(r, at(d, 9 * H), 240, 2, p.firm("kitchen@dure.demo"), null, series);
          if (plan != null) {
            plan.purpose = "주간 정기 반찬 생산 (매주 화요일)";
          }
        }
      }
      case "P-2026-02/마늘 박피기" -> {
        UUID series = UUID.nameUUIDFromBytes("dure-demo:peeler-mon-thu".getBytes(StandardCharsets.UTF_8));
        for (LocalDate d = today.minusDays(DAYS_BACK); !d.isAfter(today.plusDays(DAYS_AHEAD)); d = d.plusDays(1)) {
          if (d.getDayOfWeek() == DayOfWeek.MONDAY || d.getDayOfWeek() == DayOfWeek.THURSDAY) {
            Plan plan = place(r, at(d, 9 * H), 120, 1, p.firm("garlicpro@dure.demo"), null, series);
            if (plan != null) {
              plan.purpose = "학교급식 깐마늘 정기 박피 (월·목)";
            }
          }
        }
      }
      default -> {
      }
    }
  }

  /** Random bookings of equipment and facilities over the whole window, thinner further ahead. */
  private void planTime(Res r) {
    Use use = r.spec.use;
    for (LocalDate day = today.minusDays(DAYS_BACK); !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day.plusDays(1)) {
      if (rnd.nextDouble() >= use.dayChance() * density(day)) {
        continue;
      }
      List<int[]> windows = windows(r, day);
      if (windows.isEmpty()) {
        continue;
      }
      int attempts = 1 + rnd.nextInt(use.perDay());
      for (int a = 0; a < attempts; a++) {
        int minutes = use.durations()[rnd.nextInt(use.durations().length)];
        int[] w = windows.get(rnd.nextInt(windows.size()));
        int slot = r.rules().slotMinutes();
        // with opening hours the booking must end by closing time; always-open resources just start in the window
        int latest = r.resource.openingHours().isEmpty() ? w[1] : w[1] - minutes;
        if (latest < w[0]) {
          continue;
        }
        int startMinute = w[0] + slot * rnd.nextInt((latest - w[0]) / slot + 1);
        int units = use.unitsMin() + rnd.nextInt(use.unitsMax() - use.unitsMin() + 1);
        place(r, at(day, startMinute), minutes, units, null, null, null);
      }
    }
  }

  /** The open windows of a day in minutes after midnight: opening hours, or the start window of an always-open resource. */
  private List<int[]> windows(Res r, LocalDate day) {
    List<int[]> list = new ArrayList<>();
    if (r.resource.openingHours().isEmpty()) {
      list.add(new int[] {r.spec.use.startFrom(), r.spec.use.startUntil()});
      return list;
    }
    if (r.rules().closedOnHolidays() && holidays.contains(day)) {
      return list;
    }
    for (OpeningHours h : r.resource.openingHours()) {
      if (h.weekday() == day.getDayOfWeek().getValue()) {
        list.add(new int[] {h.opensMinute(), h.closesMinute()});
      }
    }
    return list;
  }

  /** Departures of a run, each with a few firms' pallets. */
  private void planRun(Res r) {
    Run run = r.spec.run;
    for (LocalDate day = today.minusDays(DAYS_BACK); !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day.plusDays(1)) {
      if (!run.weekdays().contains(day.getDayOfWeek().getValue())) {
        continue;
      }
      Instant departs = at(day, run.departsMinute());
      Instant cutoff = at(day.minusDays(run.cutoffDaysBefore()), run.cutoffMinute());
      if (cutoff.isAfter(departs)) {
        cutoff = departs;
      }
      // the truck does not run on public holidays: the departure stays on the timetable as cancelled
      Departure d = new Departure(r, departs, departs.plus(Duration.ofMinutes(run.durationMinutes())), cutoff,
          r.rules().closedOnHolidays() && holidays.contains(day));
      departures.add(d);
      if (d.cancelled) {
        continue;
      }
      int n = (int) Math.round((1 + rnd.nextInt(run.maxBookings())) * density(day));
      for (int i = 0; i < n; i++) {
        int pallets = 1 + rnd.nextInt(run.maxPallets());
        int kg = pallets * (run.kgPerPalletMin() + rnd.nextInt(run.kgPerPalletMax() - run.kgPerPalletMin() + 1)) / 10 * 10;
        placeRun(d, r.project.firms.get(rnd.nextInt(r.project.firms.size())), pallets, kg, null);
      }
    }
    if (r.spec.fillOne) {
      // the first departure that can still be booked is full: a firm waits for space
      departures.stream().filter(d -> d.run == r && !d.cancelled && d.cutoff.isAfter(now.plus(Duration.ofHours(3))))
          .findFirst().ifPresent(d -> {
            int i = 0;
            while (d.palletsLeft() > 0 && i < 40) {
              int pallets = Math.min(d.palletsLeft(), 1 + rnd.nextInt(3));
              int kg = Math.min(pallets * 300, d.kgLeft());
              placeRun(d, r.project.firms.get(i++ % r.project.firms.size()), pallets, kg, BookingStatus.CONFIRMED);
            }
            Firm waiting = r.project.firms.get(rnd.nextInt(r.project.firms.size()));
            waits.add(new Wait(r, d, waiting, d.departs, d.arrives, 1, 2, 600, "가락시장 추가 출하 (자리가 나면 실어 주세요)",
                "WAITING", null, minutesBefore(now, 90 + rnd.nextInt(600)), null));
          });
    }
  }

  /** Waitlist entries on taken slots and an offer nobody claimed. */
  private void planExtras() {
    for (String[] target : new String[][] {{"P-2026-02", "공동 포장 라인"}, {"P-2026-03", "옥수수 탈곡기"}}) {
      Res r = resource(target[0], target[1]);
      if (r == null) {
        continue;
      }
      r.plans.stream()
          .filter(p -> p.status == BookingStatus.CONFIRMED && p.start.isAfter(now.plus(Duration.ofDays(2))))
          .findFirst()
          .ifPresent(p -> {
            Firm waiting = r.project.firms.stream().filter(f -> f != p.firm).toList().get(rnd.nextInt(r.project.firms.size() - 1));
            waits.add(new Wait(r, null, waiting, p.start, p.end, 1, 0, 0, pick(r.spec.purposes), "WAITING", null,
                minutesBefore(now, 60 + rnd.nextInt(2000)), null));
          });
    }
    // ten days ago a freed peeler slot was offered to a waiting firm, which did not claim it in time
    Res peeler = resource("P-2026-02", "마늘 박피기");
    if (peeler != null) {
      LocalDate day = nextWorkday(today.minusDays(10));
      Firm firm = peeler.project.firm("angye@dure.demo");
      Plan offered = place(peeler, at(day, 14 * H), 60, 1, firm, BookingStatus.EXPIRED, null);
      if (offered != null) {
        offered.createdAt = minutesBefore(offered.start, 2 * DAY);
        offered.updatedAt = offered.createdAt.plus(Duration.ofMinutes(30));
        waits.add(new Wait(peeler, null, firm, offered.start, offered.end, 1, 0, 0, offered.purpose, "EXPIRED", offered,
            minutesBefore(offered.start, 4 * DAY), offered.updatedAt));
      }
    }
  }

  /** Fewer bookings the further ahead a day lies: nobody books everything weeks in advance. */
  private double density(LocalDate day) {
    long ahead = ChronoUnit.DAYS.between(today, day);
    return ahead <= 3 ? 1.0 : 1.0 - 0.55 * (ahead - 3) / (DAYS_AHEAD - 3.0);
  }

  /**
   * Plans one booking of equipment or a facility if it keeps every invariant and rule; its status
   * follows from where it lies against now unless one is forced.
   */
  private Plan place(Res r, Instant start, int minutes, int units, Firm firm, BookingStatus forced, UUID series) {
    ResourceRules rules = r.rules();
    Instant end = start.plus(Duration.ofMinutes(minutes));
    Instant blocked = end.plus(Duration.ofMinutes(rules.bufferMinutes()));
    if (r.spec.kind == EQUIPMENT) {
      units = 1;
    }
    if (!allowed(r, start, end, blocked, minutes, units)) {
      return null;
    }
    if ((forced == null || BookingStatus.HOLDING.contains(forced)) && !fits(r, start, blocked, units)) {
      return null;
    }
    Firm who = firm != null ? firm : pickFirm(r, start);
    if (who == null || !qualified(r, who, start)) {
      return null;
    }
    BookingStatus status = forced != null ? forced : status(rules, start, end);
    Plan p = new Plan(r, null, who, start, end, blocked, units, 0, 0, series);
    p.status = status;
    double amount = BookingRules.hours(minutes, units);
    if (p.holds() && !quotaFits(r, who, start, amount)) {
      return null;
    }
    if (p.holds()) {
      addQuota(r, who, start, amount);
    }
    p.purpose = pick(r.spec.purposes);
    history(p);
    r.plans.add(p);
    plans.add(p);
    return p;
  }

  private Plan placeRun(Departure d, Firm firm, int pallets, int kg, BookingStatus forced) {
    Res r = d.run;
    Plan p = new Plan(r, d, firm, d.departs, d.arrives, d.arrives, 1, pallets, kg, null);
    p.status = forced != null ? forced : runStatus(d);
    if (p.holds() && (pallets > d.palletsLeft() || kg > d.kgLeft() || !quotaFits(r, firm, d.departs, pallets))) {
      return null;
    }
    if (p.holds()) {
      d.bookedPallets += pallets;
      d.bookedKg += kg;
      addQuota(r, firm, d.departs, pallets);
    }
    p.purpose = pick(r.spec.purposes);
    history(p);
    r.plans.add(p);
    plans.add(p);
    return p;
  }

  /** Steps, lengths, opening hours, holidays and blackouts, as BookingRules checks them. */
  private boolean allowed(Res r, Instant start, Instant end, Instant blocked, int minutes, int units) {
    ResourceRules rules = r.rules();
    ZonedDateTime local = start.atZone(zone);
    int minuteOfDay = local.getHour() * 60 + local.getMinute();
    if (minuteOfDay % rules.slotMinutes() != 0 || minutes % rules.slotMinutes() != 0
        || (rules.minMinutes() != null && minutes < rules.minMinutes())
        || (rules.maxMinutes() != null && minutes > rules.maxMinutes())
        || (r.spec.kind == FACILITY && units > r.resource.capacity())) {
      return false;
    }
    for (Instant[] b : r.blackouts) {
      if (b[0].isBefore(blocked) && start.isBefore(b[1])) {
        return false;
      }
    }
    LocalDate first = local.toLocalDate();
    LocalDate last = end.minusNanos(1).atZone(zone).toLocalDate();
    if (rules.closedOnHolidays()) {
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        if (holidays.contains(d)) {
          return false;
        }
      }
    }
    if (r.resource.openingHours().isEmpty()) {
      return true;
    }
    if (!first.equals(last)) {
      return false;
    }
    int endMinute = minuteOfDay + minutes;
    return r.resource.openingHours().stream().anyMatch(h -> h.weekday() == local.getDayOfWeek().getValue()
        && h.opensMinute() <= minuteOfDay && endMinute <= h.closesMinute());
  }

  /**
   * Equipment: nothing else in [start, blocked). Facility: the units in use at every instant stay
   * within capacity. Checked against every planned booking, whatever its state, so that a slot
   * given up (cancelled, rejected, missed) is not booked again: history stays easy to read.
   */
  private boolean fits(Res r, Instant start, Instant blocked, int units) {
    List<Plan> overlapping = r.plans.stream().filter(p -> p.start.isBefore(blocked) && start.isBefore(p.blocked)).toList();
    if (r.spec.kind == EQUIPMENT) {
      return overlapping.isEmpty();
    }
    List<Instant> points = new ArrayList<>();
    points.add(start);
    overlapping.stream().map(p -> p.start).filter(s -> s.isAfter(start)).forEach(points::add);
    for (Instant at : points) {
      int used = overlapping.stream().filter(p -> !p.start.isAfter(at) && p.blocked.isAfter(at)).mapToInt(p -> p.units).sum();
      if (used + units > r.resource.capacity()) {
        return false;
      }
    }
    return true;
  }

  private Firm pickFirm(Res r, Instant start) {
    List<Firm> eligible = r.project.firms.stream().filter(f -> qualified(r, f, start)).toList();
    return eligible.isEmpty() ? null : eligible.get(rnd.nextInt(eligible.size()));
  }

  private boolean qualified(Res r, Firm f, Instant start) {
    if (!r.rules().qualificationRequired()) {
      return true;
    }
    LocalDate[] valid = r.qualified.get(f.userId());
    LocalDate day = start.atZone(zone).toLocalDate();
    return valid != null && !day.isBefore(valid[0]) && !day.isAfter(valid[1]);
  }

  private boolean quotaFits(Res r, Firm f, Instant start, double amount) {
    ResourceRules rules = r.rules();
    return (rules.weeklyQuota() == null || quotaUse.getOrDefault(quotaKey(r, f, start, true), 0.0) + amount <= rules.weeklyQuota() + 1e-9)
        && (rules.monthlyQuota() == null || quotaUse.getOrDefault(quotaKey(r, f, start, false), 0.0) + amount <= rules.monthlyQuota() + 1e-9);
  }

  private void addQuota(Res r, Firm f, Instant start, double amount) {
    quotaUse.merge(quotaKey(r, f, start, true), amount, Double::sum);
    quotaUse.merge(quotaKey(r, f, start, false), amount, Double::sum);
  }

  /** ISO week (from Monday) and calendar month in local time, as BookingContext counts them. */
  private String quotaKey(Res r, Firm f, Instant start, boolean week) {
    LocalDate day = start.atZone(zone).toLocalDate();
    LocalDate period = week ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    return r.resource.id() + "/" + f.organisationId() + "/" + (week ? "W" : "M") + period;
  }

  /** Where a time booking stands now: history in the past, in use now, waiting in the future. */
  private BookingStatus status(ResourceRules rules, Instant start, Instant end) {
    int p = rnd.nextInt(100);
    if (!end.isAfter(now)) {
      if (p < 11) {
        return BookingStatus.CANCELLED;
      }
      if (rules.approvalRequired() && p < 19) {
        return BookingStatus.REJECTED;
      }
      if (rules.noShowAfterMinutes() != null && p >= 91 && !start.plus(Duration.ofMinutes(rules.noShowAfterMinutes())).isAfter(now)) {
        return BookingStatus.NO_SHOW;
      }
      return BookingStatus.COMPLETED;
    }
    if (!start.isAfter(now)) {
      return BookingStatus.CHECKED_IN;
    }
    if (p < 9) {
      return BookingStatus.CANCELLED;
    }
    if (rules.approvalRequired()) {
      if (p < 15) {
        return BookingStatus.REJECTED;
      }
      if (p < 45) {
        return BookingStatus.REQUESTED;
      }
    }
    return BookingStatus.CONFIRMED;
  }

  private BookingStatus runStatus(Departure d) {
    int p = rnd.nextInt(100);
    if (!d.arrives.isAfter(now)) {
      return p < 12 ? BookingStatus.CANCELLED : BookingStatus.COMPLETED;
    }
    if (!d.departs.isAfter(now)) {
      return BookingStatus.CHECKED_IN;
    }
    return p < 10 ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED;
  }

  /** Request, decision, check-in and -out, cancellation and the fee, consistent with the status and with now. */
  private void history(Plan p) {
    ResourceRules rules = p.res.rules();
    Resource resource = p.res.resource;
    // the details of each booking have their own generator: the same booking gets the same history at any time of day
    detail = new Random(SEED ^ Objects.hash(p.res.spec.project, p.res.spec.nameKo, p.start, p.firm.email(), p.units, p.pallets,
        p.status.name()));
    Instant latestRequest = p.departure != null ? p.departure.cutoff : p.start.minus(Duration.ofMinutes(rules.minNoticeMinutes()));
    Instant created = minutesBefore(latestRequest, 6 * H + detail.nextInt(9 * DAY));
    // bookings far ahead were made over the last two weeks, not all at once
    p.createdAt = created.isAfter(minutesBefore(now, 5)) ? minutesBefore(now, 5 + detail.nextInt(14 * DAY)) : created;
    if (p.status == BookingStatus.REQUESTED) {
      // still waiting for the coordinator: asked in the last three days
      p.createdAt = minutesBefore(now, 10 + detail.nextInt(3 * DAY));
    }
    p.updatedAt = p.createdAt;
    long base = p.departure != null
        ? FeeCalculator.fee(resource, 0, 1, p.pallets)
        : FeeCalculator.fee(resource, p.minutes(), p.units, 0);
    p.fee = base;
    boolean decided = rules.approvalRequired() && p.status != BookingStatus.REQUESTED && p.status != BookingStatus.CANCELLED
        && p.status != BookingStatus.EXPIRED;
    if (decided) {
      // a coordinator decides within about a day, before the start and before now
      Instant latest = min(min(p.createdAt.plus(Duration.ofHours(30)), p.start), now);
      p.decidedBy = p.res.project.coordinatorId;
      p.decidedAt = between(p.createdAt, latest);
      p.updatedAt = p.decidedAt;
    }
    switch (p.status) {
      case REJECTED -> {
        p.fee = 0;
        p.reason = pick(REJECT_REASONS, detail);
      }
      case CANCELLED -> cancel(p, base);
      case NO_SHOW -> {
        p.fee = FeeCalculator.percentOf(base, rules.noShowFeePercent());
        p.updatedAt = p.start.plus(Duration.ofMinutes(rules.noShowAfterMinutes()));
      }
      case CHECKED_IN -> {
        p.checkedIn = p.departure != null
            ? minutesBefore(p.start, 10 + detail.nextInt(30))
            : minutesBefore(p.start, detail.nextInt(Math.min(10, rules.checkInOpensMinutes()) + 1));
        p.updatedAt = p.checkedIn;
      }
      case COMPLETED -> complete(p);
      default -> {
      }
    }
  }

  private void complete(Plan p) {
    ResourceRules rules = p.res.rules();
    if (p.departure != null) {
      p.checkedIn = minutesBefore(p.start, 10 + detail.nextInt(30));
      Instant out = p.end.plus(Duration.ofMinutes(detail.nextInt(25)));
      p.checkedOut = out.isAfter(now) ? p.end : out;
    } else {
      int early = detail.nextInt(Math.min(10, rules.checkInOpensMinutes()) + 1);
      p.checkedIn = minutesBefore(p.start, early);
      p.checkedOut = minutesBefore(p.end, early + detail.nextInt(16));
      Instant over = p.end.plus(Duration.ofMinutes(rules.slotMinutes() >= 60 ? 60 : 30));
      if (detail.nextInt(100) < 12 && !over.isAfter(now)) {
        // ran over: the fee is for the longer actual use
        p.checkedIn = p.start;
        p.checkedOut = over;
      }
      long actual = Duration.between(p.checkedIn, p.checkedOut).toMinutes();
      p.fee = FeeCalculator.fee(p.res.resource, Math.max(p.minutes(), actual), p.units, p.pallets);
    }
    p.updatedAt = p.checkedOut;
  }

  /** Cancelled by the firm, some after the free-cancellation deadline and so charged the late fee. */
  private void cancel(Plan p, long base) {
    ResourceRules rules = p.res.rules();
    Instant hi = minutesBefore(min(p.start, now), 1);
    Instant lo = min(p.createdAt.plus(Duration.ofMinutes(10)), hi);
    Instant deadline = p.start.minus(Duration.ofHours(rules.freeCancelHours()));
    boolean wantLate = detail.nextInt(100) < 40 || p.lateCancel;
    Instant at;
    if (wantLate && max(lo, deadline).isBefore(hi)) {
      at = between(max(lo, deadline).plus(Duration.ofMinutes(1)), hi);
    } else if (min(hi, deadline).isAfter(lo)) {
      at = between(lo, min(hi, deadline));
    } else {
      at = between(lo, hi);
    }
    if (at.isBefore(p.createdAt)) {
      at = p.createdAt;
    }
    p.cancelledAt = at;
    p.late = at.isAfter(deadline);
    p.fee = p.late ? FeeCalculator.percentOf(base, rules.lateCancelFeePercent()) : 0;
    p.reason = pick(CANCEL_REASONS, detail);
    p.updatedAt = at;
  }

  // ---------------------------------------------------------------- writing

  private Future<Void> insertDepartures(SqlConnection tx) {
    if (departures.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = departures.stream().map(d -> Tuple.from(new Object[] {d.run.resource.id(), utc(d.departs), utc(d.arrives),
        utc(d.cutoff), d.run.spec.run.pallets(), d.run.spec.run.kg(), d.bookedPallets, d.bookedKg, d.cancelled})).toList();
    return tx.preparedQuery(INSERT_DEPARTURE).executeBatch(batch).map(rows -> {
      int i = 0;
      for (RowSet<Row> rs = rows; rs != null; rs = rs.next()) {
        departures.get(i++).id = rs.iterator().next().getLong("id");
      }
      return null;
    });
  }

  private Future<Void> insertBookings(SqlConnection tx) {
    if (plans.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = plans.stream().map(p -> Tuple.from(new Object[] {p.res.resource.id(), p.res.spec.kind.name(),
        p.departure == null ? null : p.departure.id, p.firm.organisationId(), p.firm.userId(), utc(p.start), utc(p.end),
        utc(p.blocked), p.units, p.pallets, p.kg, p.status.name(), p.series, p.purpose, p.fee, p.late, utc(p.checkedIn),
        utc(p.checkedOut), utc(p.cancelledAt), p.decidedBy, utc(p.decidedAt), p.reason, utc(p.createdAt), utc(p.updatedAt)}))
        .toList();
    return tx.preparedQuery(INSERT_BOOKING).executeBatch(batch).map(rows -> {
      int i = 0;
      for (RowSet<Row> rs = rows; rs != null; rs = rs.next()) {
        plans.get(i++).id = rs.iterator().next().getLong("id");
      }
      return null;
    });
  }

  private Future<Void> insertWaitlist(SqlConnection tx) {
    if (waits.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = waits.stream().map(w -> Tuple.from(new Object[] {w.res().resource.id(),
        w.departure() == null ? null : w.departure().id, w.firm().organisationId(), w.firm().userId(), utc(w.start()),
        utc(w.end()), w.units(), w.pallets(), w.kg(), w.purpose(), w.status(), w.offered() == null ? null : w.offered().id,
        utc(w.createdAt()), utc(w.updatedAt() == null ? w.createdAt() : w.updatedAt())})).toList();
    return tx.preparedQuery(INSERT_WAITLIST).executeBatch(batch).mapEmpty();
  }

  /** What the people concerned were told: requests to coordinators, decisions and missed bookings to firms. */
  private Future<Void> insertNotifications(SqlConnection tx) {
    List<Tuple> batch = new ArrayList<>();
    Instant recent = now.minus(Duration.ofDays(14));
    for (Plan p : plans) {
      JsonObject params = new JsonObject().put("bookingId", p.id).put("resource", p.res.resource.nameKo()).put("start", p.start.toString());
      if (p.status == BookingStatus.REQUESTED) {
        batch.add(notification(p.res.project.coordinatorId, "booking.requested", params.put("count", 1), "/coordinator/approvals",
            p.createdAt));
      } else if (p.status == BookingStatus.REJECTED && p.decidedAt.isAfter(recent)) {
        batch.add(notification(p.firm.userId(), "booking.rejected", params.put("reason", p.reason), "/firm/bookings", p.decidedAt));
      } else if (p.decidedAt != null && p.status == BookingStatus.CONFIRMED) {
        batch.add(notification(p.firm.userId(), "booking.confirmed", params.put("reason", ""), "/firm/bookings", p.decidedAt));
      } else if (p.status == BookingStatus.NO_SHOW && p.updatedAt.isAfter(recent)) {
        batch.add(notification(p.firm.userId(), "booking.noShow", new JsonObject().put("bookingId", p.id)
            .put("start", p.start.toString()).put("feeWon", p.fee), "/firm/bookings", p.updatedAt));
      }
    }
    return batch.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT_NOTIFICATION).executeBatch(batch).mapEmpty();
  }

  private Tuple notification(long userId, String kind, JsonObject params, String link, Instant at) {
    // older news has been read; the last three days' is still new
    Instant read = at.isBefore(now.minus(Duration.ofDays(3))) ? at.plus(Duration.ofHours(2)) : null;
    return Tuple.from(new Object[] {userId, kind, params, link, utc(at), utc(read)});
  }

  // ---------------------------------------------------------------- small helpers

  private Instant at(LocalDate day, int minuteOfDay) {
    return day.atStartOfDay(zone).plusMinutes(minuteOfDay).toInstant();
  }

  private LocalDate nextWorkday(LocalDate day) {
    LocalDate d = day;
    while (d.getDayOfWeek().getValue() > 5 || holidays.contains(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static LocalDate firstWeekday(LocalDate from, DayOfWeek weekday) {
    return from.with(TemporalAdjusters.nextOrSame(weekday));
  }

  private static Instant minutesBefore(Instant t, int minutes) {
    return t.minus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.MINUTES);
  }

  /** A whole minute between lo and hi (lo when the range is empty). */
  private Instant between(Instant lo, Instant hi) {
    long span = Duration.between(lo, hi).toMinutes();
    if (span <= 0) {
      return lo;
    }
    return lo.plus(Duration.ofMinutes(1 + (long) (detail.nextDouble() * (span - 1)))).truncatedTo(ChronoUnit.MINUTES);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private String pick(List<String> list) {
    return pick(list, rnd);
  }

  private static String pick(List<String> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static List<OpeningHours> weekdays(int opens, int closes) {
    List<OpeningHours> list = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {
      list.add(new OpeningHours(d, opens, closes));
    }
    return list;
  }

  private static List<OpeningHours> weekdaysAndSaturday(int opens, int closes, int saturdayOpens, int saturdayCloses) {
    List<OpeningHours> list = weekdays(opens, closes);
    list.add(new OpeningHours(6, saturdayOpens, saturdayCloses));
    return list;
  }

  // ---------------------------------------------------------------- the spec language

  /** How much a resource is used: chance a day is used, tries a day, units, lengths in minutes, start window (always-open ones). */
  private record Use(double dayChance, int perDay, int unitsMin, int unitsMax, int[] durations, int startFrom, int startUntil) {
  }

  /** A weekly timetable and how full its departures get. */
  private record Run(Set<Integer> weekdays, int departsMinute, int durationMinutes, int cutoffDaysBefore, int cutoffMinute,
      int pallets, int kg, int maxBookings, int maxPallets, int kgPerPalletMin, int kgPerPalletMax) {
  }

  /** The rules of a resource, defaulting as {@link ResourceRules#defaults()} does. */
  private static final class Rules {
    private boolean closedOnHolidays = true;
    private int slot = 30;
    private Integer min;
    private Integer max;
    private int notice;
    private int buffer;
    private boolean approval;
    private boolean qualification;
    private Integer weekly;
    private Integer monthly;
    private int freeCancelHours = 24;
    private int lateFeePercent = 50;
    private int checkInOpens = 15;
    private Integer noShowAfter;

    Rules openOnHolidays() {
      closedOnHolidays = false;
      return this;
    }

    Rules slot(int minutes) {
      slot = minutes;
      return this;
    }

    Rules length(Integer minMinutes, Integer maxMinutes) {
      min = minMinutes;
      max = maxMinutes;
      return this;
    }

    Rules notice(int minutes) {
      notice = minutes;
      return this;
    }

    Rules buffer(int minutes) {
      buffer = minutes;
      return this;
    }

    Rules approval() {
      approval = true;
      return this;
    }

    Rules qualification() {
      qualification = true;
      return this;
    }

    Rules weekly(int quota) {
      weekly = quota;
      return this;
    }

    Rules monthly(int quota) {
      monthly = quota;
      return this;
    }

    Rules cancel(int freeHours, int lateFeePercent) {
      this.freeCancelHours = freeHours;
      this.lateFeePercent = lateFeePercent;
      return this;
    }

    Rules checkIn(int opensMinutesBefore) {
      checkInOpens = opensMinutesBefore;
      return this;
    }

    Rules noShowAfter(int minutes) {
      noShowAfter = minutes;
      return this;
    }

    ResourceRules build() {
      ResourceRules d = ResourceRules.defaults();
      return new ResourceRules(closedOnHolidays, slot, min, max, notice, d.horizonDays(), buffer, approval, qualification, weekly,
          monthly, freeCancelHours, lateFeePercent, d.noShowFeePercent(), checkInOpens, noShowAfter);
    }
  }

  /** One demo resource, written as a chain of what makes it different. */
  private static final class Spec {
    final String project;
    final ResourceKind kind;
    final String nameKo;
    final String nameEn;
    String descriptionKo = "";
    String descriptionEn = "";
    String location = "";
    int capacity = 1;
    String unitKo = "";
    String unitEn = "";
    String route = "";
    long fee;
    FeeBasis basis = FeeBasis.FREE;
    final Rules rules = new Rules();
    List<OpeningHours> hours = List.of();
    Use use = new Use(0, 1, 1, 1, new int[] {60}, 9 * H, 17 * H);
    Run run;
    boolean fillOne;
    List<String> qualified = List.of();
    List<String> expired = List.of();
    List<String> purposes = List.of("");

    Spec(String project, ResourceKind kind, String nameKo, String nameEn) {
      this.project = project;
      this.kind = kind;
      this.nameKo = nameKo;
      this.nameEn = nameEn;
    }

    Spec describe(String ko, String en) {
      descriptionKo = ko;
      descriptionEn = en;
      return this;
    }

    Spec at(String where) {
      location = where;
      return this;
    }

    Spec units(int count, String labelKo, String labelEn) {
      capacity = count;
      unitKo = labelKo;
      unitEn = labelEn;
      return this;
    }

    Spec route(String stops) {
      route = stops;
      return this;
    }

    Spec fee(long won, FeeBasis feeBasis) {
      fee = won;
      basis = feeBasis;
      return this;
    }

    Spec hours(List<OpeningHours> list) {
      hours = List.copyOf(list);
      return this;
    }

    Spec rules(java.util.function.Consumer<Rules> set) {
      set.accept(rules);
      return this;
    }

    Spec use(double dayChance, int perDay, int unitsMin, int unitsMax, int... durations) {
      use = new Use(dayChance, perDay, unitsMin, unitsMax, durations, 0, 0);
      return this;
    }

    Spec startBetween(int from, int until) {
      use = new Use(use.dayChance(), use.perDay(), use.unitsMin(), use.unitsMax(), use.durations(), from, until);
      return this;
    }

    Spec run(Run timetable) {
      run = timetable;
      return this;
    }

    Spec fillOne() {
      fillOne = true;
      return this;
    }

    Spec qualified(String... emails) {
      qualified = List.of(emails);
      return this;
    }

    Spec expired(String... emails) {
      expired = List.of(emails);
      return this;
    }

    Spec purposes(String... list) {
      purposes = List.of(list);
      return this;
    }
  }
}
