package kr.dure.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Runs axe-core (vendored for the tests under {@code src/test/resources/vendor/axe-core-<version>/}) on
 * the page the shared browser shows, and returns its serious and critical violations in words.
 */
public final class Axe {

  public static final String VERSION = "4.14.1";
  private static String source;

  private static final String RUN = """
      var done = arguments[arguments.length - 1];
      axe.run(document, {resultTypes: ['violations']}).then(function (r) {
        done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, help: v.help,
              targets: v.nodes.slice(0, 8).map(function (n) {
              var related = [].concat(n.any, n.all, n.none).reduce(function (a, c) { return a.concat(c.relatedNodes || []); }, [])
                .map(function (r) { return r.target.join(' '); });
              return n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')
                + (related.length ? ' (related: ' + related.join(', ') + ')' : '');
            })};
          })));
      }).catch(function (e) { done('{"error": "' + String(e).replace(/"/g, "'") + '"}'); });
      """;

  private Axe() {
  }

  private static synchronized String source() {
    if (source == null) {
      try (InputStream in = Axe.class.getResourceAsStream("/vendor/axe-core-" + VERSION + "/axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException("axe-core " + VERSION + " is not vendored in src/test/resources/vendor");
        }
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }

  /** Serious and critical violations on the current page, each as "page: rule (impact) help — targets". */
  public static List<String> violations(String page) {
    JavascriptExecutor js = Chromium.driver();
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
      js.executeScript(source());
    }
    String json = String.valueOf(js.executeAsyncScript(RUN));
    if (json.startsWith("{")) {
      throw new AssertionError("axe-core could not run on " + page + ": " + json);
    }
    List<String> out = new ArrayList<>();
    for (Object o : new JsonArray(json)) {
      JsonObject v = (JsonObject) o;
      if (!"serious".equals(v.getString("impact")) && !"critical".equals(v.getString("impact"))) {
        // moderate and minor ones are shown, not failed on
        System.out.println("[browser] axe " + v.getString("impact") + " (not failing) on " + page + ": " + v.getString("id")
            + " " + v.getString("help") + " " + v.getJsonArray("targets").stream().map(String::valueOf).toList());
        continue;
      }
      out.add(page + " (" + Chromium.path() + "): " + v.getString("id") + " [" + v.getString("impact") + "] "
          + v.getString("help") + "\n      " + String.join("\n      ", v.getJsonArray("targets").stream().map(String::valueOf).toList()));
    }
    return out;
  }
}
