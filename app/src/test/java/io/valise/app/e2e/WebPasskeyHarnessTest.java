package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The passkey harness on its own, before the app has passkeys: Chromium's virtual authenticator
 * makes a discoverable credential on a trivial page of http://localhost (WebAuthn's relying party
 * must be a name, not an address), signs in with it, and its PRF extension gives the same secret
 * for the same salt and another for another salt, which is what unwrapping an identity needs.
 */
class WebPasskeyHarnessTest {
  @RegisterExtension static final SharedChromium CHROMIUM = new SharedChromium();

  /** Nothing listens there: Playwright answers the page itself. */
  private static final String ORIGIN = "http://localhost:9";

  private static final String CEREMONIES =
      """
      async () => {
        const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
        const salt = (n) => new Uint8Array(32).fill(n);
        const made = await navigator.credentials.create({ publicKey: {
          rp: { name: "Valise", id: "localhost" },
          user: { id: new Uint8Array(16).fill(1), name: "alice", displayName: "alice" },
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [{ type: "public-key", alg: -7 }, { type: "public-key", alg: -257 }],
          authenticatorSelection: { residentKey: "required", userVerification: "required" },
          extensions: { prf: {} },
        } });
        const prf = async (n) => {
          const a = await navigator.credentials.get({ publicKey: {
            rpId: "localhost",
            challenge: crypto.getRandomValues(new Uint8Array(32)),
            userVerification: "required",
            extensions: { prf: { eval: { first: salt(n) } } },
          } });
          return { id: a.id, user: hex(a.response.userHandle), first: hex(a.getClientExtensionResults().prf.results.first) };
        };
        const one = await prf(1);
        const again = await prf(1);
        const two = await prf(2);
        return { id: made.id, enabled: made.getClientExtensionResults().prf?.enabled === true,
                 signedInAs: one.id, user: one.user, one: one.first, again: again.first, two: two.first };
      }
      """;

  @Test
  void theVirtualAuthenticatorMakesAPasskeyWithPrf() {
    Browser browser = CHROMIUM.browser();
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.route(
          ORIGIN + "/**",
          route ->
              route.fulfill(
                  new Route.FulfillOptions()
                      .setContentType("text/html")
                      .setBody("<!doctype html><title>passkey</title><p>passkey")));
      page.navigate(ORIGIN + "/");
      try (VirtualAuthenticator authenticator = VirtualAuthenticator.attach(context, page)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate(CEREMONIES);

        assertEquals(true, r.get("enabled"), "PRF offered at creation: " + r);
        assertEquals(r.get("id"), r.get("signedInAs"), "the passkey was found without a hint");
        assertEquals("01".repeat(16), r.get("user"));
        String one = (String) r.get("one");
        assertEquals(64, one.length(), "a 32-byte PRF output: " + r);
        assertEquals(one, r.get("again"), "the same salt gives the same secret");
        assertNotEquals(one, r.get("two"), "another salt gives another secret");

        assertEquals(1, authenticator.credentials().size());
        JsonObject c = authenticator.credentials().get(0).getAsJsonObject();
        assertTrue(c.get("isResidentCredential").getAsBoolean(), c.toString());
        assertEquals("localhost", c.get("rpId").getAsString());
      }
    }
  }
}
