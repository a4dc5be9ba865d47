package kr.dure.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.dure.support.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser test classes share: the browser, axe-core checks collected per test, keyboard helpers. */
@Tag("browser")
@ExtendWith(BrowserExtension.class)
abstract class BrowserTest {

  static final Api API = new Api();
  static final String FIRM = "cheese@dure.demo";
  static final String COORDINATOR = "coordinator.imsil@dure.demo";
  static final String MINISTRY = "ministry@dure.demo";
  static final String REVIEWER = "reviewer@dure.demo";

  /** Serious and critical axe-core violations met in this test, listed together at its end. */
  final List<String> violations = new ArrayList<>();

  WebDriver driver() {
    return Chromium.driver();
  }

  JavascriptExecutor js() {
    return Chromium.driver();
  }

  /** Runs axe-core on the current page and keeps its serious and critical violations. */
  void axe(String page) {
    violations.addAll(Axe.violations(page));
  }

  void assertNoViolations() {
    assertThat(violations).as("serious or critical axe-core %s violations:%n%s", Axe.VERSION, String.join("\n", violations))
        .isEmpty();
  }

  WebElement find(String css) {
    return driver().findElement(By.cssSelector(css));
  }

  void click(String css) {
    find(css).click();
  }

  /** Clicks what leads to another page, and waits until that page has replaced this one. */
  void go(String css) {
    go(find(css));
  }

  void go(WebElement link) {
    js().executeScript("window.__dureOldPage = true;");
    link.click();
    waitForNewPage();
  }

  /** Waits until the page that was marked before a click or a key press has been replaced and loaded. */
  void waitForNewPage() {
    new WebDriverWait(driver(), Duration.ofSeconds(15)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
        js().executeScript("return !window.__dureOldPage && document.readyState === 'complete';")));
  }

  /** Presses a key that leads to another page (Enter on a link, Space on a submit button) and waits for it. */
  void pressToGo(CharSequence key) {
    js().executeScript("window.__dureOldPage = true;");
    press(key);
    waitForNewPage();
  }

  String text(String css) {
    return find(css).getText();
  }

  String htmlLang() {
    return find("html").getAttribute("lang");
  }

  // ---- keyboard

  void press(CharSequence... keys) {
    new Actions(driver()).sendKeys(keys).perform();
  }

  WebElement focused() {
    return driver().switchTo().activeElement();
  }

  /**
   * Presses Tab (or Shift+Tab) until {@code target} has the focus, checking on the way that every element
   * that takes the focus shows it (an outline or a box shadow, per the house CSS).
   */
  void tabTo(WebElement target, boolean backwards) {
    if (target.equals(focused())) {
      return;
    }
    for (int i = 0; i < 400; i++) {
      if (backwards) {
        new Actions(driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      } else {
        press(Keys.TAB);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> state = (Map<String, Object>) js().executeScript("""
          var e = document.activeElement, s = getComputedStyle(e);
          var visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          var r = e.getBoundingClientRect();
          return {same: e === arguments[0], visible: visible, shown: r.width > 0 && r.height > 0,
                  what: e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.getAttribute('href') || e.getAttribute('name') || '')};
          """, target);
      assertThat((Boolean) state.get("visible")).as("focus is visible on %s at %s", state.get("what"), Chromium.path()).isTrue();
      assertThat((Boolean) state.get("shown")).as("the focused %s is on screen at %s", state.get("what"), Chromium.path()).isTrue();
      if ((Boolean) state.get("same")) {
        return;
      }
    }
    throw new AssertionError("Tab never reached " + target + " on " + Chromium.path());
  }

  void tabTo(String css) {
    tabTo(find(css), false);
  }

  /** Types a date into a focused {@code <input type=date>} (the browser runs in en-US: month, day, year). */
  static String dateKeys(LocalDate day) {
    return String.format("%02d%02d%04d", day.getMonthValue(), day.getDayOfMonth(), day.getYear());
  }

  /** Keys for a focused {@code <input type=time>} in en-US: hours, minutes, AM/PM. */
  static String timeKeys(LocalTime time) {
    int h = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
    return String.format("%02d%02d%s", h, time.getMinute(), time.getHour() < 12 ? "AM" : "PM");
  }
}
