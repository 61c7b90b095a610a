package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The security page: a user sets up an authenticator app on their own (the secret shown once, as a
 * QR code and as text), after which password sign-in asks for its code; active sessions are listed
 * and the others can be ended from one of them.
 */
class WebSecurityTest extends WebE2e {
  @Test
  void anAuthenticatorAppSetUpInThePageGuardsPasswordSignIn() throws Exception {
    person("alice");
    Page p = page();
    signIn(p, person("bob"));
    open(p, "/app/security");
    assertThat(p.locator("#totp-start")).isVisible();
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    p.waitForURL(serverUrl() + "/app/login");

    fillSignIn(p, "alice", PASSWORD, null);
    p.waitForURL(serverUrl() + "/app/inbox");
    open(p, "/app/security");
    p.locator("input[name=totpPassword]").fill("not the password");
    p.locator("#totp-start").click();
    assertThat(p.locator("p.status")).hasText("Wrong name or password.");
    p.locator("input[name=totpPassword]").fill(PASSWORD);
    p.locator("#totp-start").click();
    assertThat(p.locator(".qr svg path")).hasCount(1);
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    try (TotpSecret secret = TotpSecret.fromBase32(p.locator("#totp-secret").textContent())) {
      String right = totp.code(secret, totp.stepAt(clock.instant()));
      p.locator("input[name=totpCode]").fill(right.equals("000000") ? "111111" : "000000");
      p.locator("#totp-confirm").click();
      assertThat(p.locator("p.status")).hasText("Wrong, expired or already used code.");
      p.locator("input[name=totpCode]").fill(right);
      p.locator("#totp-confirm").click();
      assertThat(p.locator("p.ok")).hasText("An authenticator app protects your password sign-in.");

      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      p.waitForURL(serverUrl() + "/app/login");
      fillSignIn(p, "alice", PASSWORD, null);
      assertThat(p.locator("p.status"))
          .hasText("This account needs the code from your authenticator app.");
      clock.advance(Duration.ofSeconds(30)); // the confirmation used this step's code
      fillSignIn(p, "alice", PASSWORD, totp.code(secret, totp.stepAt(clock.instant())));
      p.waitForURL(serverUrl() + "/app/inbox");
    }
  }

  @Test
  void sessionsAreListedAndTheOthersEnded() throws Exception {
    Person alice = person("alice");
    Page laptop = page();
    signIn(laptop, alice);
    Page phone = newContext(390, 844).newPage();
    signIn(phone, alice);

    open(laptop, "/app/security");
    assertThat(laptop.locator("tr[data-session]")).hasCount(2);
    assertThat(laptop.locator("tr[data-session]").first()).containsText("password");
    laptop
        .getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End the other sessions (1)"))
        .click();
    assertThat(laptop.locator("tr[data-session]")).hasCount(1);
    assertThat(laptop.locator("tr[data-session]")).containsText("this one");

    open(phone, "/app/inbox");
    phone.waitForURL(u -> u.contains("/app/login"));
    assertTrue(phone.url().contains("next=%2Fapp%2Finbox"), phone.url());
  }
}
