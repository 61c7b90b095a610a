package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end-to-end tests of the web app: the real server (on SQLite and PostgreSQL, as every {@link
 * E2eServer}), the real CLI for the other side of an exchange, and a real headless Chromium opening
 * the page the server serves. Each test gets a fresh browser context (cookies, storage, service
 * worker of its own) at desktop size, in English.
 *
 * <p>The browser and the CLI both use {@code http://localhost:PORT}: WebAuthn refuses an IP address
 * as its relying party, and localhost is a secure context, so the {@code __Host-} cookies marked
 * {@code Secure} and the service worker work without TLS.
 */
abstract class WebE2e extends E2eServer {
  @RegisterExtension static final SharedChromium CHROMIUM = new SharedChromium();

  static final int DESKTOP_WIDTH = 1280;
  static final int DESKTOP_HEIGHT = 800;

  final MovableClock clock = new MovableClock();

  /** Uncaught exceptions in any page of this test's contexts: a test fails if there is one. */
  final List<String> pageErrors = new ArrayList<>();

  /** The page's console errors, shown when a test fails to help find why. */
  final List<String> console = new ArrayList<>();

  private final List<BrowserContext> contexts = new ArrayList<>();
  private @Nullable Page page;

  @Override
  Clock serverClock() {
    return clock;
  }

  @Override
  String serverUrl() {
    return super.serverUrl().replace("//127.0.0.1:", "//localhost:");
  }

  @BeforeEach
  void openBrowser() {
    page = newContext().newPage();
  }

  @AfterEach
  void closeBrowser() {
    for (String line : console) {
      System.err.println("browser console: " + line);
    }
    for (BrowserContext c : contexts) {
      c.close();
    }
    contexts.clear();
    assertEquals(List.of(), pageErrors, () -> "uncaught errors in the page; console: " + console);
  }

  /** A fresh context, as a new browser profile: no cookies, no storage, no service worker. */
  BrowserContext newContext() {
    return newContext(DESKTOP_WIDTH, DESKTOP_HEIGHT);
  }

  BrowserContext newContext(int width, int height) {
    Browser b = CHROMIUM.browser();
    BrowserContext c =
        b.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("en-GB")
                .setAcceptDownloads(true));
    c.onPage(
        p -> {
          p.onPageError(e -> pageErrors.add(p.url() + ": " + e));
          p.onConsoleMessage(
              m -> {
                if (m.type().equals("error")) {
                  console.add(p.url() + ": " + m.text());
                }
              });
        });
    contexts.add(c);
    return c;
  }

  /** The page of this test's first context. */
  Page page() {
    Page p = page;
    if (p == null) {
      throw new IllegalStateException("no page");
    }
    return p;
  }

  /** Opens {@code path} of the server in {@code p}. */
  Page open(Page p, String path) {
    p.navigate(serverUrl() + path);
    return p;
  }

  /** Signs in through the login page as {@code who}, with an authenticator code if not null. */
  void signIn(Page p, Person who, @Nullable String totp) {
    open(p, "/app/login");
    fillSignIn(p, who.name, PASSWORD, totp);
    p.waitForURL(serverUrl() + "/app/inbox");
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("Inbox");
  }

  void signIn(Page p, Person who) {
    signIn(p, who, null);
  }

  static void fillSignIn(Page p, String name, String password, @Nullable String totp) {
    p.getByLabel("Account name").fill(name);
    p.getByLabel("Password").fill(password);
    if (totp != null) {
      p.getByLabel("Authenticator code").fill(totp);
    }
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true))
        .click();
  }

  /** Imports the identity the CLI made for {@code who} ($VALISE_HOME/identity) on "My key". */
  void unlock(Page p, Person who) throws Exception {
    open(p, "/app/key");
    p.locator("details:has(textarea[name=identity]) > summary").click();
    p.locator("textarea[name=identity]").fill(Files.readString(who.home.resolve("identity")));
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use this key")).click();
    assertThat(p.locator("p.ok")).hasText("Your key is unlocked in this tab.");
  }

  static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Where the browser saved a finished download; fails with the browser's reason if it failed. */
  static Path finished(Download d) {
    Path saved = d.path();
    String failure = d.failure();
    assertEquals(null, failure, "the download failed");
    assertTrue(Files.isRegularFile(saved), saved.toString());
    return saved;
  }

  /** The part of a share link URL after {@code /s/} and before {@code #}. */
  static String linkId(String url) {
    return url.substring(url.indexOf("/s/") + 3, url.indexOf('#'));
  }
}
