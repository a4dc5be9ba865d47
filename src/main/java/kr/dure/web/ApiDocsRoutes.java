package kr.dure.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI 3.1 document of {@code /api/v1} (the resource {@value #RESOURCE}): served as YAML and JSON without
 * sign-in, and rendered as the page {@code /api/docs}. The document is read once; {@code web/OpenApiContractTest}
 * keeps it in step with the mounted routes.
 */
public final class ApiDocsRoutes {

  public static final String RESOURCE = "openapi/dure-openapi.yaml";
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
  private static final String CACHE = "public, max-age=3600";

  private final Authentication authentication;
  private final Views views;
  private final String yaml;
  private final JsonObject document;
  private final String json;
  private final String etag;

  public ApiDocsRoutes(Authentication authentication, Views views) {
    this.authentication = authentication;
    this.views = views;
    this.yaml = load();
    this.document = parse(yaml);
    this.json = document.encodePrettily();
    this.etag = "\"" + sha256(yaml).substring(0, 32) + "\"";
  }

  /** The document's text as shipped in the jar. */
  public static String load() {
    try (InputStream in = ApiDocsRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + RESOURCE, e);
    }
  }

  /** YAML to JSON with SnakeYAML's safe constructor (plain maps, lists, strings, numbers, booleans). */
  public static JsonObject parse(String text) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    if (!(tree instanceof Map<?, ?> map)) {
      throw new IllegalStateException(RESOURCE + " is not a YAML mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) map;
    // a round trip through the JSON text turns nested maps and lists into JsonObject and JsonArray
    return new JsonObject(new JsonObject(root).encode());
  }

  /** The document (already parsed). */
  public JsonObject document() {
    return document;
  }

  /** On the API router (mounted at /api/v1): the document itself, public and cacheable. */
  public void mountApi(Router api) {
    api.get("/openapi.yaml").handler(ctx -> send(ctx, "application/yaml; charset=utf-8", yaml));
    api.get("/openapi.json").handler(ctx -> send(ctx, "application/json", json));
  }

  /** On the main router: the readable page, for everyone (signed-in users keep their header and menu). */
  public void mountPages(Router router) {
    router.get("/api/docs").handler(authentication.optionalPage()).handler(this::page);
  }

  private void send(RoutingContext ctx, String contentType, String body) {
    ctx.response().putHeader("Cache-Control", CACHE).putHeader("ETag", etag);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", contentType).end(body);
  }

  private void page(RoutingContext ctx) {
    String lang = RequestContext.lang(ctx);
    views.render(ctx, "api-docs", Map.of("tags", tags(document, lang), "version", document.getJsonObject("info").getString("version"),
            "operationCount", operationCount(document)))
        .onFailure(ctx::fail);
  }

  static int operationCount(JsonObject doc) {
    int n = 0;
    for (String path : doc.getJsonObject("paths").fieldNames()) {
      for (String method : METHODS) {
        n += doc.getJsonObject("paths").getJsonObject(path).containsKey(method) ? 1 : 0;
      }
    }
    return n;
  }

  /** Operations grouped by their first tag, in the order of the document's tag list. */
  static JsonArray tags(JsonObject doc, String lang) {
    JsonArray out = new JsonArray();
    JsonObject paths = doc.getJsonObject("paths");
    for (Object t : doc.getJsonArray("tags", new JsonArray())) {
      JsonObject tag = (JsonObject) t;
      String name = tag.getString("name");
      JsonArray operations = new JsonArray();
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        for (String method : METHODS) {
          JsonObject op = item.getJsonObject(method);
          if (op != null && name.equals(op.getJsonArray("tags", new JsonArray()).getString(0))) {
            operations.add(operation(doc, path, method, op, lang));
          }
        }
      }
      if (!operations.isEmpty()) {
        out.add(new JsonObject().put("name", name).put("anchor", "tag-" + name).put("description", tag.getString("description"))
            .put("operations", operations).put("count", operations.size()));
      }
    }
    return out;
  }

  private static JsonObject operation(JsonObject doc, String path, String method, JsonObject op, String lang) {
    String summary = "ko".equals(lang) && op.getString("x-summary-ko") != null ? op.getString("x-summary-ko") : op.getString("summary");
    JsonArray security = op.getJsonArray("security", doc.getJsonArray("security", new JsonArray()));
    JsonArray params = new JsonArray();
    for (Object p : op.getJsonArray("parameters", new JsonArray())) {
      JsonObject param = (JsonObject) p;
      params.add(new JsonObject().put("name", param.getString("name")).put("in", param.getString("in"))
          .put("required", param.getBoolean("required", false)).put("type", describe(param.getJsonObject("schema")))
          .put("description", param.getString("description")));
    }
    JsonObject body = null;
    JsonObject requestBody = op.getJsonObject("requestBody");
    if (requestBody != null) {
      JsonObject content = requestBody.getJsonObject("content", new JsonObject());
      String schema = content.stream().map(e -> describe(((JsonObject) e.getValue()).getJsonObject("schema"))).findFirst().orElse("");
      body = new JsonObject().put("types", String.join(", ", content.fieldNames())).put("schema", schema)
          .put("required", requestBody.getBoolean("required", false));
    }
    JsonArray responses = new JsonArray();
    JsonObject shared = doc.getJsonObject("components").getJsonObject("responses");
    op.getJsonObject("responses").forEach(e -> {
      JsonObject response = (JsonObject) e.getValue();
      String ref = response.getString("$ref");
      if (ref != null) {
        response = shared.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      }
      JsonObject content = response.getJsonObject("content", new JsonObject());
      String schema = content.stream().map(c -> describe(((JsonObject) c.getValue()).getJsonObject("schema"))).findFirst().orElse("");
      responses.add(new JsonObject().put("status", e.getKey()).put("description", response.getString("description"))
          .put("types", String.join(", ", content.fieldNames())).put("schema", schema)
          .put("problem", e.getKey().startsWith("4") || e.getKey().startsWith("5")));
    });
    return new JsonObject().put("method", method.toUpperCase()).put("methodClass", "method-" + method).put("path", path)
        .put("id", op.getString("operationId")).put("summary", summary).put("public", security.isEmpty())
        .put("parameters", params).put("body", body).put("responses", responses)
        .put("incomplete", op.getBoolean("x-schema-incomplete", false)).put("note", op.getString("description"));
  }

  /** A short name for a schema: its component name, "array of X", or its type. */
  static String describe(JsonObject schema) {
    if (schema == null) {
      return "";
    }
    String ref = schema.getString("$ref");
    if (ref != null) {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    if (schema.containsKey("anyOf") || schema.containsKey("oneOf")) {
      JsonArray choices = schema.getJsonArray(schema.containsKey("anyOf") ? "anyOf" : "oneOf");
      return String.join(" | ", choices.stream().map(c -> describe((JsonObject) c)).toList());
    }
    Object type = schema.getValue("type");
    if ("array".equals(type)) {
      return describe(schema.getJsonObject("items")) + "[]";
    }
    StringBuilder out = new StringBuilder(type == null ? "any" : type.toString());
    if (schema.getString("format") != null) {
      out.append(" (").append(schema.getString("format")).append(')');
    }
    if (schema.getJsonArray("enum") != null) {
      out.append(": ").append(String.join(" | ", schema.getJsonArray("enum").stream().map(String::valueOf).toList()));
    }
    if (schema.getValue("minimum") != null || schema.getValue("maximum") != null) {
      out.append(" [").append(schema.getValue("minimum") == null ? "" : schema.getValue("minimum")).append('…')
          .append(schema.getValue("maximum") == null ? "" : schema.getValue("maximum")).append(']');
    }
    if (schema.getValue("maxLength") != null) {
      out.append(" ≤").append(schema.getValue("maxLength"));
    }
    if ("object".equals(type) && schema.getJsonObject("properties") != null) {
      out.append(" {").append(String.join(", ", schema.getJsonObject("properties").fieldNames())).append('}');
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
