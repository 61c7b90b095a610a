package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB file through a share link, decrypted in the browser: the download completes, the saved
 * file is the original, and the page's memory (its renderer processes, which run the page and the
 * service worker that decrypts) stays bounded (see {@link #LIMIT}), so the file is streamed, never
 * held.
 *
 * <p>SQLite only: what this test measures happens in the browser; on PostgreSQL the server streams
 * the same blob from the same file store, which the other browser tests already cover there.
 */
class WebLargeDownloadTest extends WebE2e {
  private static final long SIZE = 1L << 30;

  /**
   * The bound held on the page's memory, issue 5's 300 MiB. The worker reads the payload into two
   * reused buffers, allocates only each 64 KiB of plaintext it hands on, and hands it to the
   * download in one stream with no layers of streams around it (payload.js). Its process then peaks
   * at 150 to 190 MiB of private memory on a busy machine (it was 170 to 280 MiB through three
   * stream layers), and it does not grow with the file.
   */
  private static final long LIMIT = 300L << 20;

  private static final int BLOCK = 1 << 20;

  /** Writes {@code SIZE} bytes, each MiB from its own seeded generator; returns their SHA-256. */
  private static String generate(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[BLOCK];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long i = 0; i < SIZE / BLOCK; i++) {
        new SplittableRandom(0x5EED_0000L + i).nextBytes(block);
        sha.update(block);
        out.write(block);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Override
  boolean runsOn(Database db) {
    return db == Database.SQLITE;
  }

  @Override
  String why() {
    return "what it measures happens in the browser, and PostgreSQL changes nothing there";
  }

  @Test
  void aGibibyteDecryptsInTheBrowserWithBoundedMemory() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    Path f = files(alice).resolve("cohorte.bin");
    long t0 = System.nanoTime();
    String expected = generate(f);
    long t1 = System.nanoTime();
    String id = alice.ok("send", f.toString(), "--to", "bob").out().strip();
    Files.delete(f);
    String url = alice.ok("share", id, "--link").out().strip();
    long t2 = System.nanoTime();

    // A browser of its own, so that its processes hold this page and nothing else.
    try (Chromium chromium = Chromium.launch()) {
      BrowserContext context =
          chromium
              .browser()
              .newContext(
                  new com.microsoft.playwright.Browser.NewContextOptions()
                      .setLocale("en-GB")
                      .setAcceptDownloads(true));
      Page p = context.newPage();
      p.onPageError(e -> pageErrors.add(p.url() + ": " + e));
      p.navigate(url);
      assertThat(p.locator("dd.name")).hasText("cohorte.bin");
      assertThat(p.locator("dl.facts dd").nth(1)).hasText("1.0 GiB");

      long t3;
      long t4;
      Path saved;
      try (BrowserMemory memory = BrowserMemory.watch(chromium.process(), Duration.ofMillis(200))) {
        t3 = System.nanoTime();
        Duration serverCpu = jvmCpu();
        Download d =
            p.waitForDownload(
                () ->
                    p.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Download and decrypt"))
                        .click());
        saved = finished(d);
        t4 = System.nanoTime();
        serverCpu = jvmCpu().minus(serverCpu);
        memory.stop();
        BrowserMemory.Peaks peaks = memory.peaks();
        System.err.printf(
            Locale.ROOT,
            "1 GiB share link: generate %.1f s, CLI encrypt and upload %.1f s, browser download"
                + " and decrypt %.1f s (%.0f MiB/s), CPU: server JVM %.1f s, browser %s; peak memory of the page and its"
                + " worker: private %d MiB (renderers %s), resident %d MiB; whole browser"
                + " resident %d MiB; %d samples%n",
            secs(t1 - t0),
            secs(t2 - t1),
            secs(t4 - t3),
            SIZE / (1 << 20) / secs(t4 - t3),
            secs(serverCpu.toNanos()),
            memory.cpuByType(),
            peaks.rendererPrivate() >> 20,
            peaks.atPeak(),
            peaks.rendererRss() >> 20,
            peaks.allRss() >> 20,
            memory.samples());
        assertTrue(memory.samples() > 10, "the memory was sampled during the download");
        assertTrue(
            peaks.rendererPrivate() < LIMIT,
            "the page and its worker peaked at "
                + (peaks.rendererPrivate() >> 20)
                + " MiB, over "
                + (LIMIT >> 20)
                + " MiB: is the download held in memory?");
      }
      assertEquals(SIZE, Files.size(saved));
      assertEquals(expected, sha256(saved));
      assertThat(p.locator("p.status")).hasText("Saved cohorte.bin.");
      context.close();
    }
  }

  /** CPU time of this JVM, which runs the server (and the test, idle meanwhile). */
  private static Duration jvmCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }
}
