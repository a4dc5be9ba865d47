package kr.dure.project;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.Validator;

/**
 * The inputs of the collaboration records, parsed the same way from the JSON API and from the page
 * forms; each collects every field error into one {@code ValidationException}.
 */
public final class CollaborationInput {

  public static final List<String> PRODUCT_STATES = List.of("DEVELOPING", "ON_SALE", "DISCONTINUED");
  public static final List<String> DESIGN_KINDS = List.of("BRAND_IDENTITY", "PACKAGE", "DESIGN_IMPROVEMENT", "CONTENT", "OTHER");
  /** What the design agency may set; REQUESTED is where every request starts. */
  public static final List<String> DESIGN_ANSWER_STATES = List.of("RECEIVED", "IN_PROGRESS", "DELIVERED", "CLOSED", "DECLINED");
  public static final List<String> DESIGN_STATES = List.of("REQUESTED", "RECEIVED", "IN_PROGRESS", "DELIVERED", "CLOSED", "DECLINED");
  public static final List<String> SERVICE_CATEGORIES = List.of("HOUSING", "CHILDCARE", "TRANSPORT", "MEAL", "HEALTH", "EDUCATION",
      "CULTURE", "OTHER");
  private static final long MAX_WON = 100_000_000_000L;

  private CollaborationInput() {
  }

  public record Brand(String name, String description, List<Long> members) {
  }

  public record Product(long organisationId, String name, Long priceWon, String status) {
  }

  public record Design(String kind, String title, String description, LocalDate dueOn, Long brandId) {
  }

  public record Answer(String status, String comment, String deliverables) {
  }

  public record Trade(long sellerId, long buyerId, String item, BigDecimal quantity, String unit, long amountWon, LocalDate tradedOn) {
  }

  public record Service(String name, String category, String provider, Long providerOrganisationId, String description, Long priceWon) {
  }

  public record Usage(String period, int uses, long amountWon) {
  }

  public record Report(String summary, String kpiOutcomes, String lessons) {
  }

  /** A JSON body as a validator; a missing body reads as empty. */
  public static Validator json(JsonObject body) {
    return Validator.of(body == null ? new JsonObject() : body);
  }

  public static Validator form(MultiMap form) {
    return Validator.ofForm(form);
  }

  public static Brand brand(Validator v, List<Long> members) {
    String name = v.requiredText("name", 100);
    String description = v.optionalText("description", 4000);
    v.throwIfInvalid();
    return new Brand(name, description, members);
  }

  /** Organisation ids from a JSON array ({@code [12, 13]}) or repeated form values; anything else is a field error. */
  public static List<Long> ids(Validator v, String field, Object raw) {
    List<Long> ids = new ArrayList<>();
    if (raw == null) {
      return ids;
    }
    Iterable<?> items = raw instanceof JsonArray a ? a : raw instanceof List<?> l ? l : null;
    if (items == null) {
      v.add(field, "validation.id", field + " must list organisation ids.");
      return ids;
    }
    for (Object o : items) {
      Long id = o instanceof Number n && n.doubleValue() == n.longValue() ? Long.valueOf(n.longValue())
          : o instanceof String s && s.trim().matches("\\d{1,18}") ? Long.valueOf(s.trim()) : null;
      if (id == null || id <= 0) {
        v.add(field, "validation.id", field + " must list organisation ids.");
        return List.of();
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  public static Product product(Validator v) {
    Long org = v.requiredLong("organisationId", 1, Long.MAX_VALUE);
    String name = v.requiredText("name", 200);
    Integer price = v.optionalInt("priceWon", 0, Integer.MAX_VALUE);
    String status = choice(v, "status", PRODUCT_STATES, "ON_SALE");
    v.throwIfInvalid();
    return new Product(org, name, price == null ? null : price.longValue(), status);
  }

  public static String productStatus(Validator v) {
    String status = choice(v, "status", PRODUCT_STATES, null);
    if (status == null && !v.hasErrors()) {
      v.add("status", "validation.required", "status is required.");
    }
    v.throwIfInvalid();
    return status;
  }

  public static Design design(Validator v, LocalDate today) {
    String kind = choice(v, "kind", DESIGN_KINDS, "OTHER");
    String title = v.requiredText("title", 200);
    String description = v.optionalText("description", 4000);
    LocalDate due = v.optionalDate("dueOn");
    if (due != null && due.isBefore(today)) {
      v.add("dueOn", "validation.notPast", "dueOn must be today or later.");
    }
    Integer brand = v.optionalInt("brandId", 1, Integer.MAX_VALUE);
    v.throwIfInvalid();
    return new Design(kind, title, description, due, brand == null ? null : brand.longValue());
  }

  public static Answer answer(Validator v) {
    String status = v.requiredText("status", 20);
    if (status != null && !DESIGN_ANSWER_STATES.contains(status)) {
      v.add("status", "validation.choice", "status must be one of " + DESIGN_ANSWER_STATES + ".");
    }
    String comment = v.optionalText("answer", 4000);
    String deliverables = v.optionalText("deliverables", 4000);
    if ("DECLINED".equals(status) && comment.isBlank() && !v.hasErrors()) {
      v.add("answer", "validation.declineReason", "answer must give the reason when the request is DECLINED.");
    }
    v.throwIfInvalid();
    return new Answer(status, comment, deliverables);
  }

  public static Trade trade(Validator v, LocalDate today) {
    Long seller = v.requiredLong("sellerId", 1, Long.MAX_VALUE);
    Long buyer = v.requiredLong("buyerId", 1, Long.MAX_VALUE);
    String item = v.requiredText("item", 200);
    BigDecimal quantity = quantity(v, "quantity");
    String unit = v.optionalText("unit", 20);
    Long amount = v.requiredLong("amountWon", 1, MAX_WON);
    LocalDate day = v.requiredDate("tradedOn");
    if (day != null && day.isAfter(today)) {
      v.add("tradedOn", "validation.notFuture", "tradedOn must not be in the future.");
    }
    if (seller != null && seller.equals(buyer)) {
      v.add("buyerId", "validation.sameParty", "buyerId must differ from sellerId: a trade is between two members.");
    }
    v.throwIfInvalid();
    return new Trade(seller, buyer, item, quantity, unit, amount, day);
  }

  /** A positive decimal with at most three decimals (numeric(18,3)); a form may write 1,200.5. */
  private static BigDecimal quantity(Validator v, String field) {
    Object raw = v.raw(field);
    BigDecimal value = null;
    if (raw instanceof Number n && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      value = new BigDecimal(n.toString());
    } else if (raw instanceof String s && !s.isBlank()) {
      try {
        value = new BigDecimal(s.trim().replace(",", ""));
      } catch (NumberFormatException e) {
        value = null;
      }
    } else if (raw == null || raw instanceof String) {
      v.add(field, "validation.required", field + " is required.");
      return null;
    }
    if (value == null) {
      v.add(field, "validation.decimal", field + " must be a number such as 12.5.");
      return null;
    }
    if (value.signum() <= 0 || value.compareTo(new BigDecimal("1000000000000")) >= 0 || value.stripTrailingZeros().scale() > 3) {
      v.add(field, "validation.quantity", field + " must be above 0, below 10^12, with at most three decimals.");
      return null;
    }
    return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
  }

  public static Service service(Validator v) {
    String name = v.requiredText("name", 200);
    String category = choice(v, "category", SERVICE_CATEGORIES, null);
    if (category == null && !v.hasErrors()) {
      v.add("category", "validation.required", "category is required.");
    }
    String provider = v.optionalText("provider", 200);
    Integer providerOrg = v.optionalInt("providerOrganisationId", 1, Integer.MAX_VALUE);
    String description = v.optionalText("description", 4000);
    Integer price = v.optionalInt("priceWon", 0, Integer.MAX_VALUE);
    if (provider.isBlank() && providerOrg == null && !v.hasErrors()) {
      v.add("provider", "validation.provider", "Name the provider: a member organisation or another provider's name.");
    }
    v.throwIfInvalid();
    return new Service(name, category, provider, providerOrg == null ? null : providerOrg.longValue(), description, price == null ? null : price.longValue());
  }

  public static Usage usage(Validator v, LocalDate today) {
    String period = v.requiredText("period", 7);
    Integer uses = v.optionalInt("uses", 0, 10_000_000);
    Object rawAmount = v.raw("amountWon");
    Long amount = rawAmount == null || rawAmount instanceof String s && s.isBlank() ? Long.valueOf(0) : v.requiredLong("amountWon", 0, MAX_WON);
    if (period != null && !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
      v.add("period", "validation.period", "period must be a month such as 2026-09.");
    } else if (period != null && period.compareTo(today.toString().substring(0, 7)) > 0) {
      v.add("period", "validation.notFuture", "period must not be a future month.");
    }
    Object rawUses = v.raw("uses");
    if (rawUses == null || rawUses instanceof String s && s.isBlank()) {
      v.add("uses", "validation.required", "uses is required.");
    }
    v.throwIfInvalid();
    return new Usage(period, uses, amount);
  }

  public static Report report(Validator v) {
    String summary = v.optionalText("summary", 20_000);
    String kpis = v.optionalText("kpiOutcomes", 20_000);
    String lessons = v.optionalText("lessons", 20_000);
    v.throwIfInvalid();
    return new Report(summary, kpis, lessons);
  }

  private static String choice(Validator v, String field, List<String> allowed, String fallback) {
    Object raw = v.raw(field);
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return fallback;
    }
    String value = raw.toString().trim();
    if (!allowed.contains(value)) {
      v.add(field, "validation.choice", field + " must be one of " + allowed + ".");
      return fallback;
    }
    return value;
  }
}
