package kr.dure.auth;

/** The kinds of organisation that take part in the program. */
public enum OrganisationKind {
  MINISTRY,
  LOCAL_GOV,
  SME,
  UNIVERSITY,
  INNOVATION_INSTITUTION,
  DESIGN_AGENCY;

  public String labelKey() {
    return "orgKind." + name();
  }
}
