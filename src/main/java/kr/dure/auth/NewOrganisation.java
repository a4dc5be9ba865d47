package kr.dure.auth;

import java.util.ArrayList;
import java.util.List;
import kr.dure.common.ValidationException;
import kr.dure.common.ValidationException.FieldError;

/** An organisation to create; SMEs must carry a 사업자등록번호 with a correct check digit. */
public record NewOrganisation(
    OrganisationKind kind, String name, String nameEn, String businessNumber, String regionCode, String address) {

  /** Validates and normalises (the business number loses its dashes). */
  public NewOrganisation {
    List<FieldError> errors = new ArrayList<>();
    if (kind == null) {
      errors.add(new FieldError("kind", "validation.required", "kind is required."));
    }
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "validation.required", "name is required."));
    }
    if (businessNumber != null && !businessNumber.isBlank()) {
      String digits = BusinessNumber.normalize(businessNumber).orElse(null);
      if (digits == null) {
        errors.add(new FieldError("businessNumber", "validation.businessNumber",
            "businessNumber must be a 10-digit 사업자등록번호 with a correct check digit, such as 220-81-62517."));
      }
      businessNumber = digits;
    } else {
      businessNumber = null;
      if (kind == OrganisationKind.SME) {
        errors.add(new FieldError("businessNumber", "validation.required", "businessNumber is required for an SME."));
      }
    }
    if (regionCode != null && !regionCode.matches("[0-9]{5}")) {
      errors.add(new FieldError("regionCode", "validation.regionCode", "regionCode must be a 5-digit 시군구 code."));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    name = name.trim();
  }
}
