package kr.dure.auth;

import java.util.Optional;

/**
 * 사업자등록번호: ten digits, the last a check digit over the first nine with weights
 * 1,3,7,1,3,7,1,3,5 plus the tens of (ninth digit × 5), as the National Tax Service defines it.
 */
public final class BusinessNumber {

  private static final int[] WEIGHTS = {1, 3, 7, 1, 3, 7, 1, 3, 5};

  private BusinessNumber() {
  }

  /** The ten digits of a well-formed number with a correct check digit; dashes and spaces are allowed in input. */
  public static Optional<String> normalize(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String digits = input.replace("-", "").replace(" ", "");
    if (!digits.matches("[0-9]{10}")) {
      return Optional.empty();
    }
    return checkDigit(digits.substring(0, 9)) == digits.charAt(9) - '0' ? Optional.of(digits) : Optional.empty();
  }

  public static boolean isValid(String input) {
    return normalize(input).isPresent();
  }

  /** The check digit for the first nine digits. */
  public static int checkDigit(String firstNine) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (firstNine.charAt(i) - '0') * WEIGHTS[i];
    }
    sum += (firstNine.charAt(8) - '0') * 5 / 10;
    return (10 - sum % 10) % 10;
  }

  /** 123-45-67890 */
  public static String format(String digits) {
    return digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
  }
}
