package kr.dure.resource;

/** How a resource is booked: exclusively, by units of capacity, or by pallets and kilograms on a departure. */
public enum ResourceKind {
  EQUIPMENT,
  FACILITY,
  DELIVERY_RUN;

  public String labelKey() {
    return "resourceKind." + name();
  }
}
