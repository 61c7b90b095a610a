package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Files between the page and the CLI, both ways: what one encrypts, the other decrypts, byte for
 * byte, with the file name sealed in the envelope's metadata readable on both sides.
 */
class WebExchangeTest extends WebE2e {
  private static final String NAME = "compte rendu été 2026.pdf";

  private byte[] write(Path file, int size) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    Files.write(file, data);
    return data;
  }

  @Test
  void thePageSendsAndTheCliReceives() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Path f = files(alice).resolve(NAME);
    byte[] data = write(f, 300_000); // several 64 KiB chunks
    Page p = page();
    signIn(p, alice);

    open(p, "/app/send");
    p.locator("#files").setInputFiles(f);
    assertThat(p.locator("ul.files li")).hasText(NAME + " (293 KiB)");
    p.getByLabel("To (accounts or groups").fill("bob");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Encrypt and send")).click();
    assertThat(p.locator("ul.sent a")).hasText("Sent " + NAME);
    String id = p.locator("ul.sent a").getAttribute("data-envelope");

    Run inbox = bob.ok("inbox");
    assertTrue(inbox.out().contains(id) && inbox.out().contains(NAME), inbox.toString());
    Path into = files(bob);
    bob.ok("get", id, "-o", into.toString());
    assertArrayEquals(data, Files.readAllBytes(into.resolve(NAME)));
    // The sender's own key was a recipient too: what the page sent, its sender can open.
    assertArrayEquals(data, alice.ok("get", id, "-o", "-").bytes());
  }

  @Test
  void theCliSendsAndThePageReceives() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Path f = files(alice).resolve(NAME);
    byte[] data = write(f, 200_000);
    String id = alice.ok("send", f.toString(), "--to", "bob").out().strip();
    Page p = page();
    signIn(p, bob);

    // Without bob's key the name stays sealed.
    assertThat(p.locator("td .name")).hasText("(name sealed: unlock your key)");
    unlock(p, bob);
    open(p, "/app/inbox");
    assertThat(p.locator("td .name")).hasText(NAME);
    assertThat(p.locator("tbody tr td").nth(1)).hasText("alice");

    p.locator("td .name").click();
    p.waitForURL(serverUrl() + "/app/envelopes/" + id);
    assertThat(p.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText(NAME);
    Download d =
        p.waitForDownload(
            () ->
                p.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Download and decrypt"))
                    .click());
    assertEquals(NAME, d.suggestedFilename());
    assertEquals(sha256(data), sha256(finished(d)));
    assertThat(p.locator("p.status").first()).hasText("Saved " + NAME);
  }
}
