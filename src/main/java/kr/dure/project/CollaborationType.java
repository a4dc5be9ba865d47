package kr.dure.project;

/** The four collaboration types (협업유형) ①–④; a project may combine several. */
public enum CollaborationType {
  JOINT_BRAND,
  VALUE_CHAIN,
  LOCAL_SERVICE,
  SHARED_INFRASTRUCTURE;

  public String labelKey() {
    return "collab." + name();
  }
}
