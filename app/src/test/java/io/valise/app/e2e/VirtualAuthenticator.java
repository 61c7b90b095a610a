package io.valise.app.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * A platform authenticator (a passkey provider) inside Chromium, through the DevTools protocol's
 * WebAuthn domain: CTAP2 over the internal transport, resident keys, user verification that always
 * succeeds, presence given without a touch, and the PRF extension (hmac-secret), which passkey
 * sign-in uses to unwrap the user's age identity. Pages of {@code page}'s target see it as the only
 * authenticator; it lives until {@link #close()} or the page closes.
 */
final class VirtualAuthenticator implements AutoCloseable {
  private final CDPSession cdp;
  private final String id;

  private VirtualAuthenticator(CDPSession cdp, String id) {
    this.cdp = cdp;
    this.id = id;
  }

  /** Adds an authenticator to {@code page}'s target (WebAuthn.enable, addVirtualAuthenticator). */
  static VirtualAuthenticator attach(BrowserContext context, Page page) {
    CDPSession cdp = context.newCDPSession(page);
    JsonObject enable = new JsonObject();
    enable.addProperty("enableUI", false);
    cdp.send("WebAuthn.enable", enable);
    JsonObject options = new JsonObject();
    options.addProperty("protocol", "ctap2");
    options.addProperty("ctap2Version", "ctap2_1");
    options.addProperty("transport", "internal");
    options.addProperty("hasResidentKey", true);
    options.addProperty("hasUserVerification", true);
    options.addProperty("isUserVerified", true);
    options.addProperty("automaticPresenceSimulation", true);
    options.addProperty("hasPrf", true);
    JsonObject params = new JsonObject();
    params.add("options", options);
    String id =
        cdp.send("WebAuthn.addVirtualAuthenticator", params).get("authenticatorId").getAsString();
    return new VirtualAuthenticator(cdp, id);
  }

  /** The credentials the authenticator holds (WebAuthn.getCredentials). */
  JsonArray credentials() {
    JsonObject params = new JsonObject();
    params.addProperty("authenticatorId", id);
    return cdp.send("WebAuthn.getCredentials", params).getAsJsonArray("credentials");
  }

  /** Whether the next operations find the user verified (a wrong PIN or fingerprint when false). */
  void userVerified(boolean verified) {
    JsonObject params = new JsonObject();
    params.addProperty("authenticatorId", id);
    params.addProperty("isUserVerified", verified);
    cdp.send("WebAuthn.setUserVerified", params);
  }

  @Override
  public void close() {
    JsonObject params = new JsonObject();
    params.addProperty("authenticatorId", id);
    cdp.send("WebAuthn.removeVirtualAuthenticator", params);
    cdp.detach();
  }
}
