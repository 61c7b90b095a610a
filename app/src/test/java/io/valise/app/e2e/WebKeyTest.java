package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * "My key": the page imports an identity made by {@code valise keygen}, or makes a post-quantum one
 * itself, publishes it and offers its recovery file, which the CLI reads.
 */
class WebKeyTest extends WebE2e {
  @Test
  void anIdentityFromKeygenIsImportedAndItsPublicationChecked() throws Exception {
    Person alice = person("alice");
    login(alice);
    Path key = files(alice).resolve("alice.key");
    alice.ok("keygen", "-o", key.toString());
    String recipient = alice.ok("keygen", "-y", key.toString()).out().strip();
    Page p = page();
    signIn(p, alice);
    open(p, "/app/key");
    assertThat(p.locator("#key-state")).hasText("Your key is not unlocked in this tab.");

    p.locator("details:has(textarea[name=identity]) > summary").click();
    p.locator("textarea[name=identity]").fill("AGE-SECRET-KEY-1NOTAKEY");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use this key")).click();
    assertThat(p.locator("p.status"))
        .hasText("That is not an age identity (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…).");

    p.locator("textarea[name=identity]").fill(Files.readString(key));
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use this key")).click();
    assertThat(p.locator("p.ok")).hasText("Your key is unlocked in this tab.");
    assertThat(p.locator("#my-recipient")).hasValue(recipient);
    assertThat(p.locator("p.error"))
        .hasText(
            "This key's public half is not published for your account; senders cannot reach it.");

    alice.ok("key", "publish", "-i", key.toString());
    p.reload(); // the identity stays for the tab's life
    assertThat(p.locator("#my-recipient")).hasValue(recipient);
    assertThat(p.locator("p.error")).hasCount(0);

    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lock")).click();
    assertThat(p.locator("#key-state")).hasText("Your key is not unlocked in this tab.");
  }

  @Test
  void aKeyMadeInThePageIsPublishedAndItsRecoveryFileWorks() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    login(bob);
    bob.ok("key", "publish", "--pq"); // a post-quantum key, like the page's
    Page p = page();
    signIn(p, alice);
    open(p, "/app/key");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a new key")).click();
    assertThat(p.locator("p.status"))
        .hasText("Key created and published. Save the recovery file now.");
    Download d =
        p.waitForDownload(
            () ->
                p.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Save the recovery file"))
                    .click());
    assertEquals("valise-alice.key", d.suggestedFilename());
    Path recovery = finished(d);
    String recipient = p.locator("#my-recipient").inputValue();
    assertTrue(recipient.startsWith("age1pq1"), recipient);
    assertTrue(Files.readString(recovery).contains("AGE-SECRET-KEY-PQ-1"));
    assertEquals(recipient, bob.ok("keygen", "-y", recovery.toString()).out().strip());
    Run keys = bob.ok("key", "list", "alice");
    assertTrue(keys.out().contains(recipient), keys.toString());

    // bob's CLI sends to the key made in the page; the page opens the name with it.
    Path f = files(bob).resolve("note.txt");
    Files.writeString(f, "bonjour");
    bob.ok("send", f.toString(), "--to", "alice");
    open(p, "/app/inbox");
    assertThat(p.locator("td .name")).hasText("note.txt");
  }
}
