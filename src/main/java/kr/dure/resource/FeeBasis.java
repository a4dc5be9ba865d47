package kr.dure.resource;

/** What a resource's fee is counted by. */
public enum FeeBasis {
  FREE,
  PER_HOUR,
  PER_UNIT_DAY,
  PER_PALLET;

  public String labelKey() {
    return "feeBasis." + name();
  }
}
