package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Share links opened by someone without an account, in a browser that never signed in: the file
 * decrypts in the page with the key after {@code #}; a link that expired, was used up or needs a
 * password says so; a wrong password is refused and the server counts it.
 */
class WebShareLinkTest extends WebE2e {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNAVAILABLE =
      "This link has expired, was revoked, or has no downloads left.";

  /** alice sends {@code name} to bob; returns the envelope id. */
  private String sent(Person alice, String name, byte[] data) throws Exception {
    Path f = files(alice).resolve(name);
    Files.write(f, data);
    return alice.ok("send", f.toString(), "--to", "bob").out().strip();
  }

  /** Opens {@code url} in a fresh browser context, as a stranger would. */
  private Page stranger(String url) {
    Page p = newContext().newPage();
    p.navigate(url);
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("A file was shared with you");
    return p;
  }

  private static Locator downloadButton(Page p) {
    return p.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download and decrypt"));
  }

  private static Path download(Page p) {
    Download d = p.waitForDownload(() -> downloadButton(p).click());
    return finished(d);
  }

  @Test
  void aLinkDecryptsInAFreshBrowserUntilItIsUsedUp() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    byte[] data = new byte[180_000];
    random.nextBytes(data);
    String id = sent(alice, "résultats.csv", data);
    String url = alice.ok("share", id, "--link", "--max-downloads", "1").out().strip();
    assertTrue(url.startsWith(serverUrl() + "/s/"), url);

    Page p = stranger(url);
    assertThat(p.locator("dd.name")).hasText("résultats.csv");
    assertThat(p.locator("dd.left")).hasText("1");
    assertThat(p.getByLabel("Password")).isHidden(); // this link has none
    assertEquals(sha256(data), sha256(download(p)));
    assertThat(p.locator("p.status")).hasText("Saved résultats.csv.");

    Page later = stranger(url);
    assertThat(later.locator("p.status")).hasText(UNAVAILABLE);
    assertThat(downloadButton(later)).isHidden();
  }

  @Test
  void anExpiredLinkIsExplained() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    String id = sent(alice, "a.txt", new byte[] {1, 2, 3});
    String url = alice.ok("share", id, "--link", "--expires", "1h").out().strip();
    assertThat(stranger(url).locator("dd.name")).hasText("a.txt");

    clock.advance(Duration.ofHours(2));
    Page p = stranger(url);
    assertThat(p.locator("p.status")).hasText(UNAVAILABLE);
    assertThat(downloadButton(p)).isHidden();
  }

  @Test
  void aRevokedLinkIsExplained() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    String id = sent(alice, "a.txt", new byte[] {1, 2, 3});
    String url = alice.ok("share", id, "--link").out().strip();
    alice.ok("revoke", id, "--link", linkId(url));
    assertThat(stranger(url).locator("p.status")).hasText(UNAVAILABLE);
  }

  @Test
  void aWrongPasswordIsRefusedAndCountedAndTheRightOneWorks() throws Exception {
    Person root = person("root", true);
    login(root);
    Person alice = ready("alice");
    ready("bob");
    byte[] data = new byte[70_000];
    random.nextBytes(data);
    String id = sent(alice, "x.csv", data);
    String url =
        alice.okWithInput("by phone\n", "share", id, "--link", "--password-stdin").out().strip();

    Page p = stranger(url);
    assertThat(p.locator("p.status")).hasText("This link is protected by a password.");
    Locator password = p.getByLabel("Password");
    assertThat(password).isFocused();
    password.fill("guess");
    downloadButton(p).click();
    assertThat(p.locator("p.status")).hasText("Wrong password for this link.");
    password.fill("another guess");
    downloadButton(p).click();
    assertThat(p.locator("p.status")).hasText("Wrong password for this link.");
    assertEquals(2, badPasswords(root, linkId(url), 2));

    password.fill("by phone");
    assertEquals(sha256(data), sha256(download(p)));
    assertThat(p.locator("p.status")).hasText("Saved x.csv.");
  }

  @Test
  void aLinkMadeInThePageOpensInAnotherBrowserAndInTheCli() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    byte[] data = new byte[100_000];
    random.nextBytes(data);
    String id = sent(alice, "scan.pdf", data);
    Page p = page();
    signIn(p, bob); // a recipient may make links too
    unlock(p, bob);
    open(p, "/app/envelopes/" + id);
    p.getByLabel("Downloads allowed").fill("2");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a share link"))
        .click();
    String url = p.locator("#new-link").inputValue();
    assertTrue(url.startsWith(serverUrl() + "/s/") && url.contains("#AGE-SECRET-KEY-1"), url);
    assertThat(p.locator("li[data-link]")).hasCount(1);
    assertThat(p.locator("section p.status")).isEmpty();

    assertEquals(sha256(data), sha256(download(stranger(url))));
    Person nobody = new Person("nobody", dir().resolve("home-nobody"));
    assertArrayEquals(data, nobody.ok("get", url, "-o", "-").bytes());
    assertEquals(1, nobody.run("get", url, "-o", "-").code(), "two downloads were allowed");

    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke")).click();
    assertThat(p.locator("li[data-link]")).containsText("revoked");
    assertThat(p.locator("section p.status")).isEmpty();
  }

  /**
   * The {@code link.failure} entries with reason {@code bad_password} for {@code link} in the audit
   * log, read by an administrator with {@code valise audit export}; entries are sequenced a moment
   * after the request, so it asks again (at most 10 s) until {@code expected} are there.
   */
  private int badPasswords(Person admin, String link, int expected) throws Exception {
    int n = 0;
    for (int i = 0; i < 40; i++) {
      n = 0;
      for (String line : admin.ok("audit", "export", "-o", "-").out().lines().toList()) {
        JsonNode e = JSON.readTree(line);
        if (e.path("type").asText().equals("link.failure")
            && e.path("link").asText().equals(link)
            && e.path("reason").asText().equals("bad_password")) {
          n++;
        }
      }
      if (n >= expected) {
        return n;
      }
      Thread.sleep(250);
    }
    return n;
  }
}
