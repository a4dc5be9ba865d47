package kr.dure.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import kr.dure.support.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium per test JVM, driven by Debian's chromedriver (never downloaded:
 * Selenium Manager is bypassed by naming both binaries). The browser tests skip when either is missing.
 */
public final class Chromium {

  /** Debian's paths; {@code -Ddure.browser.chromium=…} and {@code -Ddure.browser.chromedriver=…} name others. */
  public static final Path BINARY = Path.of(System.getProperty("dure.browser.chromium", "/usr/bin/chromium"));
  public static final Path DRIVER = Path.of(System.getProperty("dure.browser.chromedriver", "/usr/bin/chromedriver"));
  public static final Path ARTIFACTS = Path.of(System.getProperty("dure.build.dir", "target"), "browser-artifacts");

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1000;
  private static ChromeDriver driver;
  private static Path profile;

  private Chromium() {
  }

  /** Why the browser tests cannot run here, or null when they can. */
  public static String missing() {
    if (!Files.isExecutable(BINARY)) {
      return BINARY + " not found: install Debian's chromium and chromium-driver (.ci/run does) to run the browser tests";
    }
    if (!Files.isExecutable(DRIVER)) {
      return DRIVER + " not found: install Debian's chromium-driver (.ci/run does) to run the browser tests";
    }
    return null;
  }

  /** The shared browser, started on first use and closed when the JVM ends. */
  public static synchronized ChromeDriver driver() {
    if (driver == null) {
      try {
        profile = Files.createTempDirectory("dure-chromium-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("webdriver.chrome.driver", DRIVER.toString());
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
          "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
          // en-US only shapes the date and time inputs (month/day/year, AM/PM); the pages follow their own language cookie
          "--lang=en-US");
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
          .usingAnyFreePort().build();
      driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
      Runtime.getRuntime().addShutdownHook(new Thread(Chromium::quit));
      // screenshots of an earlier run's failures would mislead
      try (Stream<Path> old = Files.exists(ARTIFACTS) ? Files.list(ARTIFACTS) : Stream.empty()) {
        old.filter(p -> p.getFileName().toString().endsWith("-failure.png")).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return driver;
  }

  private static synchronized void quit() {
    if (driver != null) {
      try {
        driver.quit();
      } catch (RuntimeException ignored) {
        // the JVM is ending anyway
      }
      driver = null;
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // a temporary profile left behind is harmless
    }
  }

  public static String url(String path) {
    return "http://localhost:" + TestApp.get().port() + path;
  }

  /** Opens a page of the test app and waits for it to be loaded. */
  public static void open(String path) {
    driver().get(url(path));
  }

  /** Forgets the session cookies and signs in through the login form, as a person would. */
  public static void signIn(String email) {
    TestApp.get().resetThrottle();
    WebDriver d = driver();
    d.get(url("/login"));
    d.manage().deleteAllCookies();
    d.get(url("/login"));
    d.findElement(By.id("email")).sendKeys(email);
    d.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
    d.findElement(By.cssSelector("main form[action='/login'] button[type=submit]")).click();
    waitUntil(() -> !d.getCurrentUrl().contains("/login"), "sign-in of " + email + " leaves the login page");
  }

  public static void signOut() {
    driver().manage().deleteAllCookies();
  }

  public static WebElement waitFor(By by) {
    return new WebDriverWait(driver(), Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  public static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    new WebDriverWait(driver(), Duration.ofSeconds(10)).withMessage(what).until(d -> condition.getAsBoolean());
  }

  public static String path() {
    String url = driver().getCurrentUrl();
    String rest = url.substring(url.indexOf('/', "http://".length()));
    return rest;
  }

  /** Saves what the browser shows to {@code target/browser-artifacts/<name>.png}. */
  public static Path screenshot(String name) {
    try {
      Files.createDirectories(ARTIFACTS);
      Path file = ARTIFACTS.resolve(name + ".png");
      // the whole page (up to 4,000 px high), then back to the usual window
      ChromeDriver d = driver();
      long height = ((Number) d.executeScript("return document.documentElement.scrollHeight;")).longValue();
      d.manage().window().setSize(new Dimension(WIDTH, (int) Math.max(HEIGHT, Math.min(height + 100, 4000))));
      try {
        Path shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        d.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean started() {
    return driver != null;
  }
}
