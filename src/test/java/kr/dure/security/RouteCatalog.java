package kr.dure.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.dure.support.TestApp;
import kr.dure.web.Routes;

/**
 * Every (method, path template) the running app answers, read from a router assembled exactly as the
 * server assembles its own ({@link Routes#build}, with the running app's services), sub-routers
 * included; so routes merged later are covered without editing these tests.
 */
final class RouteCatalog {

  /** One endpoint: a method and a path template such as {@code /api/v1/projects/:id}. */
  record Endpoint(HttpMethod method, String path) {

    boolean api() {
      return path.startsWith("/api/");
    }

    boolean hasParams() {
      return path.contains(":");
    }

    List<String> paramNames() {
      List<String> names = new ArrayList<>();
      for (String segment : path.split("/")) {
        if (segment.startsWith(":")) {
          names.add(segment.substring(1));
        }
      }
      return names;
    }

    /** The path with every parameter replaced by {@code value} (already URL-encoded). */
    String with(String value) {
      StringBuilder out = new StringBuilder();
      for (String segment : path.split("/", -1)) {
        if (!out.isEmpty() || path.startsWith("/")) {
          out.append('/');
        }
        out.append(segment.startsWith(":") ? value : segment);
      }
      return out.toString().replaceFirst("^//", "/");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static List<Endpoint> cached;

  private RouteCatalog() {
  }

  static synchronized List<Endpoint> all() {
    if (cached == null) {
      TestApp app = TestApp.get();
      Router router = Routes.build(app.app().vertx(), app.app().services());
      Set<Endpoint> found = new LinkedHashSet<>();
      walk(router, "", found);
      cached = List.copyOf(found);
    }
    return cached;
  }

  private static void walk(Router router, String prefix, Set<Endpoint> found) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (route.getSubRouter() != null) {
        String mount = path == null ? prefix : prefix + stripStar(path);
        walk(route.getSubRouter(), mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount, found);
        continue;
      }
      // a path with :params has a pattern as well; a handler on a pure regex or a wildcard prefix is not an endpoint
      if (path == null || !route.isExactPath() || route.methods() == null || route.methods().isEmpty()) {
        continue; // catch-all handlers (headers, bodies, CSRF, static files), not endpoints
      }
      String full = prefix + path;
      for (HttpMethod method : route.methods()) {
        found.add(new Endpoint(method, full));
      }
    }
  }

  private static String stripStar(String path) {
    return path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
  }
}
