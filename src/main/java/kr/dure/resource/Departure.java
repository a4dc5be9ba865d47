package kr.dure.resource;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/** One departure of a delivery run, booked by pallets and kilograms until its cut-off. */
public record Departure(long id, long resourceId, Instant departsAt, Instant arrivesAt, Instant cutoffAt,
    int palletCapacity, int kgCapacity, int bookedPallets, int bookedKg, boolean cancelled) {

  static Departure from(Row r) {
    return new Departure(r.getLong("id"), r.getLong("resource_id"),
        r.getOffsetDateTime("departs_at").toInstant(), r.getOffsetDateTime("arrives_at").toInstant(),
        r.getOffsetDateTime("cutoff_at").toInstant(), r.getInteger("pallet_capacity"), r.getInteger("kg_capacity"),
        r.getInteger("booked_pallets"), r.getInteger("booked_kg"), r.getBoolean("cancelled"));
  }

  public int palletsLeft() {
    return palletCapacity - bookedPallets;
  }

  public int kgLeft() {
    return kgCapacity - bookedKg;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("resourceId", resourceId)
        .put("departsAt", departsAt.toString()).put("arrivesAt", arrivesAt.toString()).put("cutoffAt", cutoffAt.toString())
        .put("palletCapacity", palletCapacity).put("kgCapacity", kgCapacity)
        .put("palletsLeft", palletsLeft()).put("kgLeft", kgLeft()).put("cancelled", cancelled);
  }
}
