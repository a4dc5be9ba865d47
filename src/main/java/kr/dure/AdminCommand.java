package kr.dure;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.dure.auth.Actor;
import kr.dure.auth.NewOrganisation;
import kr.dure.auth.NewUser;
import kr.dure.auth.OrganisationKind;
import kr.dure.auth.Role;
import kr.dure.common.DomainException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;

/**
 * {@code admin create --email E --name N}: creates a ministry administrator on a fresh install,
 * where no default password exists. The password comes from {@code DURE_ADMIN_PASSWORD} or stdin.
 */
final class AdminCommand {

  static final String USAGE = """
      usage: java -jar target/dure.jar admin create --email <e-mail> --name <name> [--organisation <name>]
        The password is read from DURE_ADMIN_PASSWORD, else from standard input (at least 12 characters).
        The database is the one the server uses (DATABASE_URL, PG* or the embedded one in DURE_DATA_DIR);
        stop the server first when it uses the embedded database.""";

  private AdminCommand() {
  }

  static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length == 0 || !"create".equals(args[0])) {
      err.println(USAGE);
      return 2;
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("Unexpected argument '" + args[i] + "'.\n" + USAGE);
        return 2;
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String password = env.get("DURE_ADMIN_PASSWORD");
    if (password == null) {
      password = readPassword(stdin, out);
    }
    Map<String, Object> input = new HashMap<>(options);
    input.put("password", password);
    String email;
    String name;
    try {
      Validator v = Validator.of(new io.vertx.core.json.JsonObject(input));
      email = v.requiredEmail("email");
      name = v.requiredText("name", 100);
      password = v.requiredPassword("password", 12, 200);
      v.throwIfInvalid();
    } catch (ValidationException e) {
      e.errors().forEach(fe -> err.println(fe.message()));
      err.println(USAGE);
      return 2;
    }
    String organisationName = options.getOrDefault("organisation", "중소벤처기업부");
    Config config = Config.fromEnv(env);
    try (Application.Infrastructure infra = Application.Infrastructure.open(config)) {
      Services s = infra.services();
      Actor actor = Actor.system("admin-cli");
      String finalPassword = password;
      long userId = s.organisations().findFirstOfKind(s.pool(), OrganisationKind.MINISTRY)
          .compose(found -> found.isPresent()
              ? io.vertx.core.Future.succeededFuture(found.get().id())
              : s.organisations().insert(s.pool(), new NewOrganisation(OrganisationKind.MINISTRY, organisationName,
                  "Ministry of SMEs and Startups", null, null, null)))
          .compose(orgId -> s.auth().createUser(new NewUser(email, name, Role.MINISTRY, orgId, "ko", finalPassword), actor))
          .await(60, TimeUnit.SECONDS);
      out.println("Created ministry administrator " + email + " (user " + userId + "). Sign in at /login.");
      return 0;
    } catch (DomainException e) {
      err.println(e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("Could not create the administrator: " + e.getMessage());
      return 1;
    }
  }

  private static String readPassword(InputStream stdin, PrintStream out) {
    Console console = System.console();
    if (console != null && stdin == System.in) {
      char[] typed = console.readPassword("Password for the new administrator: ");
      return typed == null ? null : new String(typed);
    }
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.stripTrailing();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
