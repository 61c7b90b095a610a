package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real headless Chromium, the system's ({@code /usr/bin/chromium}, Debian package {@code
 * chromium}), driven through Playwright. Playwright never downloads a browser here: its install
 * step is skipped and the executable is given.
 *
 * <p>Like the interop suites, a missing Chromium skips the browser tests with a clear reason,
 * except under {@code -Dvalise.requireInterop=true} (./run-tests and CI), where it fails them, so
 * that a machine without a browser cannot pass by skipping.
 */
final class Chromium implements AutoCloseable {
  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  /**
   * No sandbox (CI runs as root), no GPU, and nothing that talks to the network on its own: the
   * only traffic is to the server under test on localhost.
   */
  static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private final Playwright playwright;
  private final Browser browser;
  private final String marker;

  private Chromium(Playwright playwright, Browser browser, String marker) {
    this.playwright = playwright;
    this.browser = browser;
    this.marker = marker;
  }

  /** Skips or fails (see the class comment) unless Chromium is installed. */
  static void need() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    String message =
        "Chromium ("
            + EXECUTABLE
            + ", Debian package chromium) is missing, so the browser tests cannot run";
    if (Boolean.getBoolean("valise.requireInterop")) {
      fail(message + " (valise.requireInterop=true: install it, for example with ./run-tests)");
    }
    assumeTrue(false, message + "; skipped (set -Dvalise.requireInterop=true to make it fail)");
  }

  /** Starts Playwright's driver and a headless Chromium. */
  static Chromium launch() {
    need();
    // Found again among this JVM's descendants by this switch, which Chromium ignores.
    String marker = "--valise-test-browser=" + UUID.randomUUID();
    List<String> args = new ArrayList<>(ARGS);
    args.add(marker);
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(EXECUTABLE)
                      .setHeadless(true)
                      .setArgs(args));
      return new Chromium(playwright, browser, marker);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  Browser browser() {
    return browser;
  }

  /**
   * The browser process (the one started with this instance's marker and no {@code --type}): its
   * descendants are the renderers, the service worker's process, the network and GPU processes.
   */
  ProcessHandle process() {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p -> {
              List<String> cmd = commandLine(p);
              return cmd.contains(marker) && cmd.stream().noneMatch(a -> a.startsWith("--type="));
            })
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the browser process was not found"));
  }

  /** The process's arguments from /proc (empty once it is gone). */
  static List<String> commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
