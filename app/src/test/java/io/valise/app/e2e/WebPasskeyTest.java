package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Passkeys in Chromium's virtual authenticator (CTAP2, user verification, PRF): enrolment on the
 * security page protects the key made in the page; sign-in with the passkey needs no password; the
 * passkey's PRF output unlocks the key, which then opens what the CLI sent. The recovery passphrase
 * brings the key back on a device without the passkey.
 */
class WebPasskeyTest extends WebE2e {
  private static final String PHRASE = "a very long recovery phrase";

  /** Makes a key in the page and protects it with a passkey and a passphrase; its public key. */
  private String keyWithPasskey(Page p, Person who) {
    signIn(p, who);
    open(p, "/app/key");
    p.locator("#create-key").click();
    assertThat(p.locator("p.status"))
        .hasText("Key created and published. Save the recovery file now.");
    String recipient = p.locator("#my-recipient").inputValue();
    assertTrue(recipient.startsWith("age1pq1"), recipient);

    open(p, "/app/security");
    p.locator("#add-passkey").click();
    assertThat(p.locator("p.status"))
        .hasText("Passkey added: it signs you in and unlocks your key.");
    assertThat(p.locator("li[data-passkey]")).hasCount(1);

    open(p, "/app/key");
    p.locator("input[name=recoveryPassphrase]").fill(PHRASE);
    p.locator("input[name=recoveryPassphrase2]").fill(PHRASE);
    p.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Protect with this passphrase"))
        .click();
    assertThat(p.locator("ul.wraps li[data-wrap]")).hasCount(2);
    assertThat(p.locator("ul.wraps li[data-wrap=passkey]")).containsText("This device");
    return recipient;
  }

  private void signOut(Page p) {
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    p.waitForURL(serverUrl() + "/app/login");
  }

  @Test
  void aPasskeySignsInAndItsPrfUnlocksTheKey() throws Exception {
    Person alice = person("alice");
    Person bob = ready("bob");
    Page p = page();
    try (VirtualAuthenticator authenticator = VirtualAuthenticator.attach(p.context(), p)) {
      String recipient = keyWithPasskey(p, alice);
      assertEquals(1, authenticator.credentials().size(), "one resident credential");

      Path f = files(bob).resolve("résultats.csv");
      Files.writeString(f, "nir;result\n");
      bob.ok("send", f.toString(), "--to", "alice");

      signOut(p);
      p.locator("#passkey-login").click();
      p.waitForURL(serverUrl() + "/app/inbox");
      assertThat(p.locator(".banner")).isVisible();
      assertThat(p.locator("td .name")).hasText("(name sealed: unlock your key)");
      p.locator("#banner-unlock").click();
      assertThat(p.locator(".banner")).hasCount(0);
      assertThat(p.locator("td .name")).hasText("résultats.csv");

      open(p, "/app/key");
      assertThat(p.locator("#my-recipient")).hasValue(recipient);
    }
  }

  @Test
  void aPasskeyWithoutUserVerificationDoesNotSignIn() throws Exception {
    Person alice = person("alice");
    Page p = page();
    try (VirtualAuthenticator authenticator = VirtualAuthenticator.attach(p.context(), p)) {
      keyWithPasskey(p, alice);
      signOut(p);
      authenticator.userVerified(false);
      p.locator("#passkey-login").click();
      assertThat(p.locator("p.status"))
          .hasText("The passkey prompt was closed or timed out. Try again.");
      assertEquals(serverUrl() + "/app/login", p.url());
    }
  }

  @Test
  void theRecoveryPassphraseUnlocksOnAnotherDevice() throws Exception {
    Person alice = person("alice");
    Page first = page();
    String recipient;
    try (VirtualAuthenticator authenticator = VirtualAuthenticator.attach(first.context(), first)) {
      recipient = keyWithPasskey(first, alice);
      assertEquals(1, authenticator.credentials().size());
    }

    BrowserContext other = newContext(); // no passkey here
    Page p = other.newPage();
    signIn(p, alice);
    open(p, "/app/key");
    p.locator("input[name=unlockPassphrase]").fill("not the phrase at all");
    p.getByRole(
            AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Unlock with the recovery passphrase"))
        .click();
    assertThat(p.locator("p.status")).hasText("Wrong recovery passphrase.");
    p.locator("input[name=unlockPassphrase]").fill(PHRASE);
    p.getByRole(
            AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Unlock with the recovery passphrase"))
        .click();
    assertThat(p.locator("#my-recipient")).hasValue(recipient);
  }
}
