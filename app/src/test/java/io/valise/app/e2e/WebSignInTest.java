package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.wiring.LocalAdmin;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Signing in on the page: with a password, with a password and a TOTP code, and refusals. */
class WebSignInTest extends WebE2e {
  private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

  @Test
  void aPasswordSignsInAndAWrongOneIsExplained() throws Exception {
    person("alice");
    Page p = page();
    open(p, "/app/inbox");
    p.waitForURL(serverUrl() + "/app/login?next=%2Fapp%2Finbox");

    fillSignIn(p, "alice", "not the password", null);
    assertThat(p.locator("p.status")).hasText("Wrong name or password.");
    assertTrue(p.url().contains("/app/login"), p.url());

    fillSignIn(p, "alice", PASSWORD, null);
    p.waitForURL(serverUrl() + "/app/inbox");
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("Inbox");
    // The session token stays in an HttpOnly cookie: the page's script sees only the CSRF token.
    String cookies = (String) p.evaluate("document.cookie");
    assertTrue(cookies.contains("__Host-valise-csrf="), cookies);
    assertFalse(cookies.contains("__Host-valise-session"), cookies);

    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    p.waitForURL(serverUrl() + "/app/login");
    open(p, "/app/outbox");
    p.waitForURL(serverUrl() + "/app/login?next=%2Fapp%2Foutbox");
  }

  @Test
  void aSecondFactorIsAskedForAndChecked() throws Exception {
    person("alice");
    // What `valise admin user totp alice` runs: enrol, and print the otpauth:// URI once.
    String uri = LocalAdmin.enrolTotp(Objects.requireNonNull(config), "alice", clock, random);
    Matcher m = SECRET.matcher(uri);
    assertTrue(m.find(), uri);
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    Page p = page();
    open(p, "/app/login");

    fillSignIn(p, "alice", PASSWORD, null);
    assertThat(p.locator("p.status"))
        .hasText("This account needs the code from your authenticator app.");
    assertThat(p.getByLabel("Authenticator code")).isFocused();

    try (TotpSecret secret = TotpSecret.fromBase32(m.group(1))) {
      String right = totp.code(secret, totp.stepAt(clock.instant()));
      String wrong = right.equals("000000") ? "111111" : "000000";
      fillSignIn(p, "alice", PASSWORD, wrong);
      assertThat(p.locator("p.status")).hasText("Wrong, expired or already used code.");
      assertTrue(p.url().contains("/app/login"), p.url());

      fillSignIn(p, "alice", PASSWORD, right);
      p.waitForURL(serverUrl() + "/app/inbox");
      assertThat(p.getByRole(AriaRole.HEADING)).hasText("Inbox");
    }
  }

  @Test
  void theLoginPageSpeaksFrench() throws Exception {
    person("alice");
    Page p = page();
    open(p, "/app/login");
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("Sign in");

    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lire en français")).click();
    assertThat(p.locator("html")).hasAttribute("lang", "fr");
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("Connexion");
    assertThat(p.getByLabel("Nom du compte")).isVisible();
    assertThat(p.getByLabel("Mot de passe")).isVisible();
    assertThat(
            p.getByRole(
                AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Se connecter").setExact(true)))
        .isVisible();

    p.reload(); // the choice is remembered
    assertThat(p.getByRole(AriaRole.HEADING)).hasText("Connexion");
    p.getByLabel("Nom du compte").fill("alice");
    p.getByLabel("Mot de passe").fill("pas le bon");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter").setExact(true))
        .click();
    assertThat(p.locator("p.status")).hasText("Nom ou mot de passe incorrect.");
  }
}
