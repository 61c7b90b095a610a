package io.valise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A software authenticator and browser for tests: an EC P-256 key made with the JDK, answers built
 * by hand as a browser would serialise them ({@code credential.toJSON()}), with CBOR written byte
 * by byte (WebAuthn Level 3 sections 6.1, 6.5, 5.2; COSE EC2 key of RFC 9053). Each answer can be
 * bent in one way to test a refusal.
 */
final class SoftAuthenticator {
  static final int UP = 0x01;
  static final int UV = 0x04;
  static final int AT = 0x40;
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  final KeyPair key;
  final byte[] credentialId;
  String origin;
  String rpId = "localhost";
  long counter;

  /** The user handle the relying party gave at registration, returned at every sign-in. */
  byte[] userHandle = new byte[0];

  SoftAuthenticator(SecureRandom random, String origin) throws Exception {
    this(random, origin, false);
  }

  /**
   * @param ed25519 an Ed25519 key (COSE OKP, alg -8) instead of P-256 (EC2, alg -7)
   */
  SoftAuthenticator(SecureRandom random, String origin, boolean ed25519) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(ed25519 ? "Ed25519" : "EC");
    if (!ed25519) {
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
    }
    this.key = g.generateKeyPair();
    this.credentialId = new byte[20];
    random.nextBytes(credentialId);
    this.origin = origin;
  }

  /** How one answer departs from a correct one. */
  static final class Bend {
    @Nullable String origin;
    @Nullable String rpId;
    int flags = UP | UV;
    boolean badSignature;
    @Nullable String type;
    @Nullable String challenge;
    @Nullable Long counter;
    byte @Nullable [] userHandle;

    static Bend none() {
      return new Bend();
    }

    Bend origin(String o) {
      origin = o;
      return this;
    }

    Bend rpId(String r) {
      rpId = r;
      return this;
    }

    Bend flags(int f) {
      flags = f;
      return this;
    }

    Bend badSignature() {
      badSignature = true;
      return this;
    }

    Bend counter(long c) {
      counter = c;
      return this;
    }

    Bend userHandle(byte[] h) {
      userHandle = h;
      return this;
    }
  }

  /** The RegistrationResponseJSON for creation options {@code publicKey}. */
  ObjectNode register(JsonNode publicKey, Bend bend) throws Exception {
    userHandle = URL_DECODER.decode(publicKey.get("user").get("id").asText());
    byte[] clientData = clientData("webauthn.create", publicKey, bend);
    ByteArrayOutputStream auth = new ByteArrayOutputStream();
    auth.writeBytes(authenticatorData(bend, bend.flags | AT));
    auth.writeBytes(new byte[16]); // AAGUID: none, as with attestation "none"
    auth.write(credentialId.length >> 8);
    auth.write(credentialId.length & 0xff);
    auth.writeBytes(credentialId);
    auth.writeBytes(coseKey());
    Cbor att = new Cbor();
    att.map(3).text("fmt").text("none").text("attStmt").map(0).text("authData");
    att.bytes(auth.toByteArray());
    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", URL.encodeToString(clientData));
    response.put("attestationObject", URL.encodeToString(att.toByteArray()));
    response.putArray("transports").add("internal").add("hybrid");
    ObjectNode c = credential(response);
    c.putObject("clientExtensionResults").putObject("prf").put("enabled", true);
    return c;
  }

  /** The AuthenticationResponseJSON for request options {@code publicKey}. */
  ObjectNode assertion(JsonNode publicKey, Bend bend) throws Exception {
    byte[] clientData = clientData("webauthn.get", publicKey, bend);
    if (bend.counter != null) {
      counter = bend.counter;
    } else {
      counter++;
    }
    byte[] auth = authenticatorData(bend, bend.flags);
    Signature s = Signature.getInstance(ed25519() ? "Ed25519" : "SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(auth);
    s.update(sha256(clientData));
    byte[] signature = s.sign();
    if (bend.badSignature) {
      signature[signature.length - 1] ^= 1;
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", URL.encodeToString(clientData));
    response.put("authenticatorData", URL.encodeToString(auth));
    response.put("signature", URL.encodeToString(signature));
    byte[] handle = bend.userHandle != null ? bend.userHandle : userHandle;
    response.put("userHandle", URL.encodeToString(handle));
    ObjectNode c = credential(response);
    c.putObject("clientExtensionResults");
    return c;
  }

  private ObjectNode credential(ObjectNode response) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", URL.encodeToString(credentialId));
    c.put("rawId", URL.encodeToString(credentialId));
    c.put("type", "public-key");
    c.set("response", response);
    c.put("authenticatorAttachment", "platform");
    return c;
  }

  private byte[] clientData(String type, JsonNode publicKey, Bend bend) {
    ObjectNode d = JSON.createObjectNode();
    d.put("type", bend.type != null ? bend.type : type);
    d.put(
        "challenge", bend.challenge != null ? bend.challenge : publicKey.get("challenge").asText());
    d.put("origin", bend.origin != null ? bend.origin : origin);
    d.put("crossOrigin", false);
    return d.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] authenticatorData(Bend bend, int flags) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(37);
    b.put(sha256((bend.rpId != null ? bend.rpId : rpId).getBytes(StandardCharsets.UTF_8)));
    b.put((byte) flags);
    b.putInt((int) counter);
    return b.array();
  }

  private boolean ed25519() {
    return !(key.getPublic() instanceof ECPublicKey);
  }

  /**
   * The COSE_Key of the public key (keys in CTAP2 order): kty EC2, alg ES256, crv P-256, x, y; or
   * kty OKP, alg EdDSA, crv Ed25519, x (the last 32 bytes of the X.509 encoding).
   */
  private byte[] coseKey() {
    if (ed25519()) {
      byte[] spki = key.getPublic().getEncoded();
      byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      Cbor c = new Cbor();
      c.map(4);
      c.integer(1).integer(1);
      c.integer(3).integer(-8);
      c.integer(-1).integer(6);
      c.integer(-2).bytes(x);
      return c.toByteArray();
    }
    ECPublicKey pub = (ECPublicKey) key.getPublic();
    Cbor c = new Cbor();
    c.map(5);
    c.integer(1).integer(2);
    c.integer(3).integer(-7);
    c.integer(-1).integer(1);
    c.integer(-2).bytes(fixed(pub.getW().getAffineX()));
    c.integer(-3).bytes(fixed(pub.getW().getAffineY()));
    return c.toByteArray();
  }

  private static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  static byte[] fromUrl(String s) {
    return URL_DECODER.decode(s);
  }

  /** Just enough CBOR (RFC 8949) to write attestation objects and COSE keys. */
  static final class Cbor {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Cbor head(int major, long value) {
      int m = major << 5;
      if (value < 24) {
        out.write(m | (int) value);
      } else if (value < 0x100) {
        out.write(m | 24);
        out.write((int) value);
      } else if (value < 0x10000) {
        out.write(m | 25);
        out.write((int) (value >> 8));
        out.write((int) value & 0xff);
      } else {
        out.write(m | 26);
        for (int shift = 24; shift >= 0; shift -= 8) {
          out.write((int) (value >> shift) & 0xff);
        }
      }
      return this;
    }

    Cbor integer(long v) {
      return v >= 0 ? head(0, v) : head(1, -1 - v);
    }

    Cbor bytes(byte[] b) {
      head(2, b.length);
      out.writeBytes(b);
      return this;
    }

    Cbor text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      head(3, b.length);
      out.writeBytes(b);
      return this;
    }

    Cbor map(int pairs) {
      return head(5, pairs);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
