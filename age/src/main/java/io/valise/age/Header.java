package io.valise.age;

import io.valise.age.format.Base64s;
import io.valise.age.primitives.Hkdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The age v1 header: recipient stanzas that each wrap the file key, and a MAC over them (age.md,
 * "Header"). Stored apart from the payload, it is what Valise re-issues to add a recipient: see
 * {@link #rewrap}.
 *
 * <p>Immutable. {@link #encode()} is canonical, so {@code parse(encode(h))} gives back {@code h}.
 */
public final class Header {
  private static final byte[] MAC_INFO = "header".getBytes(StandardCharsets.US_ASCII);
  // Stanza types whose recipients carry labels; every other type is taken as classical.
  private static final String SCRYPT_TYPE = "scrypt";
  private static final String POST_QUANTUM_TYPE = "mlkem768x25519";
  private static final Set<String> POST_QUANTUM = Set.of("postquantum");

  private final List<Stanza> stanzas;
  private final byte[] mac;
  private final byte[] macInput;

  Header(List<Stanza> stanzas, byte[] mac, byte[] macInput) {
    this.stanzas = List.copyOf(stanzas);
    this.mac = mac.clone();
    this.macInput = macInput.clone();
  }

  /**
   * Parses a header from {@code in}, consuming exactly its bytes; the payload follows in {@code
   * in}. Pass a buffered stream: the parser reads one byte at a time.
   *
   * @throws HeaderException if the header is malformed or not canonical
   * @throws IOException if reading fails
   */
  public static Header parse(InputStream in) throws IOException {
    return HeaderParser.parse(in);
  }

  /**
   * Builds the header for a new file: wraps {@code fileKey} to every recipient and MACs the result.
   *
   * @throws IllegalArgumentException if there are no recipients, or their {@link
   *     Recipient#labels()} differ (post-quantum with classical, or a passphrase with anything)
   * @throws AgeException if a recipient fails to wrap the key
   */
  public static Header seal(FileKey fileKey, List<? extends Recipient> recipients, SecureRandom rnd)
      throws AgeException {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("At least one recipient is required");
    }
    Set<String> labels = recipients.get(0).labels();
    List<Stanza> stanzas = new ArrayList<>();
    for (Recipient r : recipients) {
      if (!r.labels().equals(labels)) {
        throw new IllegalArgumentException(incompatible(labels, r.labels()));
      }
      stanzas.addAll(r.wrap(fileKey, rnd));
    }
    return withMac(stanzas, fileKey);
  }

  private static String incompatible(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    if (all.contains("postquantum")) {
      return "Post-quantum recipients cannot be mixed with classical ones: the file would be"
          + " only as strong as the weakest";
    }
    return "A passphrase must be the only recipient of a file";
  }

  /**
   * Unwraps the file key with the first identity that matches a stanza, then verifies the MAC.
   *
   * @throws HeaderException if a stanza is malformed, or an scrypt stanza is not alone
   * @throws NoIdentityMatchException if no identity matches any stanza
   * @throws HeaderMacException if the MAC does not verify
   */
  public FileKey unwrap(List<? extends Identity> identities) throws AgeException {
    boolean hasScrypt = stanzas.stream().anyMatch(s -> s.type().equals(SCRYPT_TYPE));
    if (hasScrypt && stanzas.size() > 1) {
      throw new HeaderException("An scrypt stanza must be the only stanza in the header");
    }
    for (Identity id : identities) {
      Optional<FileKey> key = id.unwrap(stanzas);
      if (key.isPresent()) {
        verifyMac(key.get());
        return key.get();
      }
    }
    throw new NoIdentityMatchException("No identity matched any of the file's recipients");
  }

  /**
   * Checks the MAC under {@code fileKey}.
   *
   * @throws HeaderMacException if it does not match
   */
  public void verifyMac(FileKey fileKey) throws HeaderMacException {
    if (!MessageDigest.isEqual(mac, computeMac(fileKey, macInput))) {
      throw new HeaderMacException("Header MAC does not match");
    }
  }

  /**
   * Returns a new header that keeps every stanza of this one and adds stanzas wrapping the same
   * file key to {@code added}, with a fresh MAC. The payload is untouched: it depends only on the
   * file key and its own nonce.
   *
   * @throws AgeException if no identity unwraps this header, its MAC is bad, or wrapping fails
   * @throws IllegalArgumentException if the added recipients could not have been sealed together
   *     with the existing ones (see {@link #seal}): the header holds a passphrase, or an added
   *     recipient's {@link Recipient#labels()} differ from those of the existing stanzas
   */
  public Header rewrap(
      List<? extends Identity> identities, List<? extends Recipient> added, SecureRandom rnd)
      throws AgeException {
    checkCanAdd(added);
    try (FileKey key = unwrap(identities)) {
      Header extra = seal(key, added, rnd);
      List<Stanza> all = new ArrayList<>(stanzas);
      all.addAll(extra.stanzas);
      return withMac(all, key);
    }
  }

  /**
   * The labels of the existing recipients are not stored, so they are inferred from the stanza
   * types that carry one: without this, a passphrase added to an X25519 header made a header that
   * unwrap refuses for everyone, and a classical recipient could weaken a post-quantum header.
   */
  private void checkCanAdd(List<? extends Recipient> added) {
    if (stanzas.stream().anyMatch(s -> s.type().equals(SCRYPT_TYPE))) {
      throw new IllegalArgumentException(
          "A passphrase must be the only recipient of a file: no recipient can be added to it");
    }
    Set<String> existing =
        stanzas.stream().anyMatch(s -> s.type().equals(POST_QUANTUM_TYPE))
            ? POST_QUANTUM
            : Set.of();
    for (Recipient r : added) {
      if (!r.labels().equals(existing)) {
        throw new IllegalArgumentException(incompatible(existing, r.labels()));
      }
    }
  }

  static Header withMac(List<Stanza> stanzas, FileKey fileKey) {
    byte[] input = encodeUpToMac(stanzas);
    return new Header(stanzas, computeMac(fileKey, input), input);
  }

  /** The stanzas, in order. */
  public List<Stanza> stanzas() {
    return stanzas;
  }

  /** The canonical encoding, ending with the MAC line's LF. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(macInput.length + 48);
    out.writeBytes(macInput);
    out.writeBytes((" " + Base64s.encode(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] encodeUpToMac(List<Stanza> stanzas) {
    StringBuilder sb = new StringBuilder(HeaderParser.VERSION_LINE).append('\n');
    for (Stanza s : stanzas) {
      sb.append("->");
      for (String a : s.args()) {
        sb.append(' ').append(a);
      }
      sb.append('\n');
      String body = Base64s.encode(s.body());
      for (int i = 0; i <= body.length(); i += 64) {
        sb.append(body, i, Math.min(body.length(), i + 64)).append('\n');
      }
    }
    sb.append("---");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] computeMac(FileKey fileKey, byte[] input) {
    byte[] ikm = fileKey.copyBytes();
    byte[] key = Hkdf.sha256(ikm, new byte[0], MAC_INFO);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    } finally {
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Header" + stanzas;
  }
}
