package kr.dure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kr.dure.common.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"220-81-62517", "2208162517", "124-81-00998", "418-81-00122", "220 81 62517"})
  void numbers_with_a_correct_check_digit_are_valid(String number) {
    assertThat(BusinessNumber.isValid(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"220-81-62518", "2208162510", "124-81-00999", "123456789", "12345678901", "22O-81-62517", "", "----------"})
  void numbers_with_a_wrong_check_digit_or_shape_are_invalid(String number) {
    assertThat(BusinessNumber.isValid(number)).isFalse();
  }

  @Test
  void the_check_digit_includes_the_tens_of_the_ninth_digit_times_five() {
    // 9th digit 9: 9*5 = 45 adds 4, which a plain weighted sum would miss
    String firstNine = "123456789";
    int withoutCarry = 0;
    int[] w = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    for (int i = 0; i < 9; i++) {
      withoutCarry += (firstNine.charAt(i) - '0') * w[i];
    }
    int naive = (10 - withoutCarry % 10) % 10;
    int check = BusinessNumber.checkDigit(firstNine);
    assertThat(check).isNotEqualTo(naive);
    assertThat(BusinessNumber.isValid(firstNine + check)).isTrue();
  }

  @Test
  void normalizing_removes_dashes_and_formatting_puts_them_back() {
    assertThat(BusinessNumber.normalize("220-81-62517")).contains("2208162517");
    assertThat(BusinessNumber.format("2208162517")).isEqualTo("220-81-62517");
  }

  @Test
  void an_sme_without_a_valid_business_number_is_refused_with_both_field_errors() {
    assertThatThrownBy(() -> new NewOrganisation(OrganisationKind.SME, " ", null, "220-81-62518", "123", null))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors())
            .extracting(ValidationException.FieldError::field)
            .containsExactlyInAnyOrder("name", "businessNumber", "regionCode"));
    assertThatThrownBy(() -> new NewOrganisation(OrganisationKind.SME, "주식회사 두레", null, null, null, null))
        .isInstanceOf(ValidationException.class);
    assertThat(new NewOrganisation(OrganisationKind.SME, " 주식회사 두레 ", null, "220-81-62517", "52750", null).businessNumber())
        .isEqualTo("2208162517");
  }
}
