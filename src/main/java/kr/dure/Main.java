package kr.dure;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import kr.dure.demo.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Dure (no arguments), or runs an administration command ({@code admin create ...}). */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "admin".equals(args[0])) {
      System.exit(AdminCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.in, System.out, System.err));
    }
    if (args.length > 0) {
      System.err.println("Unknown arguments " + String.join(" ", args) + ". Run without arguments to start Dure, or:");
      System.err.println(AdminCommand.USAGE);
      System.exit(2);
    }
    Config config;
    try {
      config = Config.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Application app = Application.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping Dure");
      app.stop();
      stopped.countDown();
    }, "dure-shutdown"));
    printWelcome(app);
    stopped.await();
  }

  private static void printWelcome(Application app) {
    StringBuilder out = new StringBuilder();
    out.append("\n  Dure (두레) is running at http://localhost:").append(app.port()).append("/\n");
    if (!app.demoLogins().isEmpty()) {
      out.append("\n  Demo logins (password for all: ").append(DemoData.PASSWORD).append("):\n");
      for (DemoData.Login login : app.demoLogins()) {
        out.append(String.format("    %-14s %-32s %s, %s%n", login.role(), login.email(), login.name(), login.organisation()));
      }
    } else if (app.services().config().demo()) {
      out.append("\n  Demo data was loaded on an earlier start; password for all demo logins: ")
          .append(DemoData.PASSWORD).append(" (e.g. ministry@dure.demo, firm: cheese@dure.demo)\n");
    }
    out.append("\n  Stop with Ctrl+C.\n");
    System.out.println(out);
  }
}
