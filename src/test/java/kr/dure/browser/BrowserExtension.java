package kr.dure.browser;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * For the browser test classes: skips them with the reason when Chromium or its driver is missing, and
 * keeps a screenshot of the page a failing test was on ({@code target/browser-artifacts/<test>-failure.png}).
 */
public final class BrowserExtension implements BeforeAllCallback, BeforeEachCallback, TestExecutionExceptionHandler {

  @Override
  public void beforeAll(ExtensionContext context) {
    String missing = Chromium.missing();
    if (missing != null) {
      System.out.println("[browser] skipping " + context.getDisplayName() + ": " + missing);
    }
  }

  /** Each test is skipped on its own, so the reports count them as skipped. */
  @Override
  public void beforeEach(ExtensionContext context) {
    String missing = Chromium.missing();
    Assumptions.assumeTrue(missing == null, missing);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (Chromium.started()) {
      try {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-failure";
        System.out.println("[browser] failure at " + Chromium.driver().getCurrentUrl() + ", screenshot " + Chromium.screenshot(name));
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }
}
