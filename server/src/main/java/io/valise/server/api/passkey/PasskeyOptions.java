package io.valise.server.api.passkey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.id.AccountId;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.server.http.Json;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The options of a ceremony in the WebAuthn JSON serialisation that {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON} and {@code parseRequestOptionsFromJSON} read
 * (Level 3, sections 5.4 and 5.5): binary values base64url without padding.
 */
public final class PasskeyOptions {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private PasskeyOptions() {}

  /**
   * {@code {"challengeId","publicKey":{PublicKeyCredentialCreationOptionsJSON}}} for {@code
   * account}, excluding the credentials it has already.
   */
  static ObjectNode creation(
      RelyingParty rp, Account account, WebAuthnChallenge challenge, List<Passkey> existing) {
    ObjectNode pk = Json.object();
    pk.putObject("rp").put("id", rp.id()).put("name", RelyingParty.NAME);
    pk.putObject("user")
        .put("id", URL.encodeToString(userHandle(account.id())))
        .put("name", account.name())
        .put("displayName", account.name());
    pk.put("challenge", URL.encodeToString(challenge.challenge().toByteArray()));
    ArrayNode params = pk.putArray("pubKeyCredParams");
    for (long alg : Ceremonies.ALGORITHMS) {
      params.addObject().put("type", "public-key").put("alg", alg);
    }
    pk.put("timeout", Challenges.TTL.toMillis());
    pk.put("attestation", "none");
    pk.putObject("authenticatorSelection")
        .put("residentKey", "required")
        .put("requireResidentKey", true)
        .put("userVerification", "required");
    ArrayNode exclude = pk.putArray("excludeCredentials");
    for (Passkey p : existing) {
      ObjectNode d =
          exclude
              .addObject()
              .put("type", "public-key")
              .put("id", URL.encodeToString(p.credentialId().toByteArray()));
      ArrayNode transports = d.putArray("transports");
      p.transports().forEach(transports::add);
    }
    pk.putObject("extensions").putObject("prf");
    return wrap(challenge, pk);
  }

  /**
   * {@code {"challengeId","publicKey":{PublicKeyCredentialRequestOptionsJSON}}} for a sign-in with
   * any discoverable credential of this relying party.
   */
  public static ObjectNode request(RelyingParty rp, WebAuthnChallenge challenge) {
    ObjectNode pk = Json.object();
    pk.put("challenge", URL.encodeToString(challenge.challenge().toByteArray()));
    pk.put("rpId", rp.id());
    pk.put("timeout", Challenges.TTL.toMillis());
    pk.put("userVerification", "required");
    pk.putArray("allowCredentials");
    return wrap(challenge, pk);
  }

  /** The user handle of an account's passkeys: the 16 bytes of its id. */
  public static byte[] userHandle(AccountId account) {
    return ByteBuffer.allocate(16).putLong(account.high()).putLong(account.low()).array();
  }

  private static ObjectNode wrap(WebAuthnChallenge challenge, ObjectNode publicKey) {
    ObjectNode out = Json.object().put("challengeId", challenge.id().text());
    out.set("publicKey", publicKey);
    return out;
  }
}
