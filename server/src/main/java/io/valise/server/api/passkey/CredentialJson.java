package io.valise.server.api.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.server.http.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a browser's answer in the WebAuthn JSON serialisation ({@code credential.toJSON()}, Level 3
 * section 5.1): binary fields are base64url. Only the fields the checks need are read; others that
 * browsers add are ignored, but a field read must have the right type and encoding.
 */
public final class CredentialJson {
  private static final Base64.Decoder URL = Base64.getUrlDecoder();
  private static final int MAX_TRANSPORTS = 8;

  private CredentialJson() {}

  /** What {@code navigator.credentials.create} answered. */
  public record Registration(
      OpaqueBytes rawId,
      OpaqueBytes clientDataJson,
      OpaqueBytes attestationObject,
      List<String> transports,
      boolean prf) {}

  /** What {@code navigator.credentials.get} answered. */
  public record Assertion(
      OpaqueBytes rawId,
      OpaqueBytes clientDataJson,
      OpaqueBytes authenticatorData,
      OpaqueBytes signature,
      @Nullable OpaqueBytes userHandle) {}

  /**
   * Reads a RegistrationResponseJSON.
   *
   * @throws PasskeyRefused ({@code malformed}) naming the missing or malformed field
   */
  public static Registration registration(JsonNode credential) {
    ObjectNode c = object(credential, "credential");
    byte[] rawId = rawId(c);
    ObjectNode response = object(c.get("response"), "credential.response");
    List<String> transports = new ArrayList<>();
    JsonNode t = response.get("transports");
    if (t != null && !t.isNull()) {
      if (!t.isArray() || t.size() > MAX_TRANSPORTS) {
        throw malformed("credential.response.transports must be a list of at most 8 names");
      }
      for (JsonNode name : t) {
        if (!name.isTextual() || !name.textValue().matches("[a-z][a-z0-9-]{0,31}")) {
          throw malformed("credential.response.transports holds something that is not a name");
        }
        if (!transports.contains(name.textValue())) {
          transports.add(name.textValue());
        }
      }
    }
    return new Registration(
        OpaqueBytes.of(rawId),
        OpaqueBytes.of(bytes(response, "clientDataJSON", "credential.response")),
        OpaqueBytes.of(bytes(response, "attestationObject", "credential.response")),
        transports,
        prfEnabled(c));
  }

  /**
   * Reads an AuthenticationResponseJSON.
   *
   * @throws PasskeyRefused ({@code malformed}) naming the missing or malformed field
   */
  public static Assertion assertion(JsonNode credential) {
    ObjectNode c = object(credential, "credential");
    byte[] rawId = rawId(c);
    ObjectNode response = object(c.get("response"), "credential.response");
    JsonNode handle = response.get("userHandle");
    return new Assertion(
        OpaqueBytes.of(rawId),
        OpaqueBytes.of(bytes(response, "clientDataJSON", "credential.response")),
        OpaqueBytes.of(bytes(response, "authenticatorData", "credential.response")),
        OpaqueBytes.of(bytes(response, "signature", "credential.response")),
        handle == null || handle.isNull()
            ? null
            : OpaqueBytes.of(bytes(response, "userHandle", "credential.response")));
  }

  /**
   * The credential id, if {@code credential} holds a readable {@code rawId}: used to find the
   * account before the answer is checked, so a failure can be scored against it.
   */
  public static byte @Nullable [] rawIdOrNull(@Nullable JsonNode credential) {
    try {
      return credential instanceof ObjectNode c ? rawId(c) : null;
    } catch (PasskeyRefused e) {
      return null;
    }
  }

  private static byte[] rawId(ObjectNode c) {
    JsonNode type = c.get("type");
    if (type == null || !"public-key".equals(type.textValue())) {
      throw malformed("credential.type must be \"public-key\"");
    }
    byte[] rawId = bytes(c, "rawId", "credential");
    byte[] id = bytes(c, "id", "credential");
    if (!Arrays.equals(rawId, id)) {
      throw malformed("credential.id and credential.rawId differ");
    }
    if (rawId.length == 0 || rawId.length > io.valise.core.passkey.Passkey.MAX_CREDENTIAL_ID) {
      throw malformed("credential.rawId must be 1 to 1023 bytes");
    }
    return rawId;
  }

  /** {@code clientExtensionResults.prf.enabled}, false when absent. */
  private static boolean prfEnabled(ObjectNode c) {
    JsonNode results = c.get("clientExtensionResults");
    if (results == null || results.isNull()) {
      return false;
    }
    if (!results.isObject()) {
      throw malformed("credential.clientExtensionResults must be an object");
    }
    JsonNode prf = results.get("prf");
    if (prf == null || prf.isNull()) {
      return false;
    }
    JsonNode enabled = prf.get("enabled");
    if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
      throw malformed("credential.clientExtensionResults.prf.enabled must be true or false");
    }
    return enabled != null && enabled.booleanValue();
  }

  private static ObjectNode object(@Nullable JsonNode node, String where) {
    if (!(node instanceof ObjectNode o)) {
      throw malformed(where + " must be an object");
    }
    return o;
  }

  private static byte[] bytes(ObjectNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed(where + "." + field + " is missing or not a string");
    }
    String text = v.textValue();
    if (!text.matches("[A-Za-z0-9_-]*={0,2}")) {
      throw malformed(where + "." + field + " is not base64url");
    }
    try {
      return URL.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(where + "." + field + " is not base64url");
    }
  }

  private static PasskeyRefused malformed(String message) {
    return new PasskeyRefused("malformed", Json.printable(message));
  }
}
