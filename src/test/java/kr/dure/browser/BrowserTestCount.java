package kr.dure.browser;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run, how many tests tagged {@code browser} ran and how many were
 * skipped (no Chromium here, or deselected). Registered through META-INF/services.
 */
public final class BrowserTestCount implements TestExecutionListener {

  private static final TestTag BROWSER = TestTag.create("browser");

  private TestPlan plan;
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger ran = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    total.set(0);
    ran.set(0);
    failed.set(0);
    testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).stream()
        .filter(TestIdentifier::isTest).filter(this::browser).forEach(t -> total.incrementAndGet()));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest() && browser(id) && result.getStatus() != TestExecutionResult.Status.ABORTED) {
      ran.incrementAndGet();
      if (result.getStatus() == TestExecutionResult.Status.FAILED) {
        failed.incrementAndGet();
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (total.get() > 0) {
      System.out.printf("[browser] browser tests: %d ran (%d failed), %d skipped%s%n", ran.get(), failed.get(),
          total.get() - ran.get(), Chromium.missing() == null ? "" : " — " + Chromium.missing());
    }
  }

  private boolean browser(TestIdentifier id) {
    TestIdentifier current = id;
    while (current != null) {
      if (current.getTags().contains(BROWSER)) {
        return true;
      }
      current = plan.getParent(current).orElse(null);
    }
    return false;
  }
}
