package io.valise.core.sshkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys made once with OpenSSH 9 ({@code ssh-keygen -t TYPE -b BITS -N '' -C COMMENT}); the
 * fingerprints are what {@code ssh-keygen -lf FILE.pub} printed for them.
 */
class SshPublicKeyTest {
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEx/PKtVNMhQ4nGDlngxslaBHvojbgAiTQnFyYg/w6t"
          + " lab-lis@cerballiance";
  static final String ECDSA256 =
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBN/LpgDksfo1gT3aiZdgs0Xu3gpiNkK43oOjiVUE+tJf9mY6xr6PSRW160Uos3qvxvtMdUlFgiiPV6QRXiUCcOU="
          + " e256";
  static final String ECDSA384 =
      "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBDwFr9Qw2ISz4JiFr3vOy05nWHxlKJ3A5JPi5tsLNopr9u8TxB482/n517wr/+mKXpY5OL7h2ACcKlscmGhrSDHlOP64glywFJoEEoFIY0wemxNcSAEJYG528pyZEMuPHw=="
          + " e384";
  static final String ECDSA521 =
      "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAAeMP50f91hXL+qtqqGn7OKF+wQy9YOGt9ERuqqjNCdEobxHHeLyZ+y3yoiVbe+47iEaSesAm5hKswvinZ53UxeUAGtuzOs9kVGM6ke80JeemIIzKQpL7aFZk81fTdbtGjZgp3Nyz+7cCfJF1rH3j8wwQ1MV6cQYlP1FZS+qHVNSNJsaw=="
          + " e521";
  static final String RSA3072 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCRrkdckyPeZgE2jwkASPLO7VW7/zdLH0JzXN7Wz4kfLB294feyZgDXUSC8IU1IUHhUcqT4+RP0H3zp0MSASvqzbZayZM2oy+qbtfsHPuuZJ1pIE0zxh9AGZ6VqogITdgd2A3a0uy35Z9FSVGmgau58lYEiZf19Zz5lJF/nktAdCp3ZmmzD2CjymXKmo/IRnkWK1ckcV9uddbyxFyjDQQ3z5EPj71LmonNgCvgsIye3Ond1oTgRw6iO09qLD98NgAkyF8z55olrI75X5c3rz95mriBxzVpSXDNol37j/caZhTFANhR3jRW3Xz3FPGouop1fHDmXm1gbzA/agJnJUhJj/1spwMYzC1oHYNKw3rYOo66NKM+aIQTgkg9fYUAbzgUOhtf/TaMQGxaeANrU04FNg2lL3md3tSCkdkolWdq8kRv4sW5DDVRJvG3Y29STS2KQlFNP+Lb7Z5h3MR2JAE5DsKnTVEl+CxO774d8ESh+5+X3cqVMPWYiytMILF0lUWk="
          + " rsa3072";
  static final String RSA1024 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDNS6dulomnssK26F1NZSk0ZYToUbCEJ1I/G5/pq31+wMiIDTD7NowRU1M1L4kTrRMBYIbQ5MdoW83u3fqg+c2pe7di9CG7L/Z0FJaA0kdTT30uDxqqOGBtpFdU1+8vgT3ydS3WlFOgKA3jQIyrfrsEwJAFoTcYprbt/74FtaI2Kw=="
          + " rsa1024";

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "ED25519,  ssh-ed25519,         SHA256:+3jXewIYA/EcOKP+3vOIwDzF3E/X0etlfULON8FX41k, lab-lis@cerballiance",
    "ECDSA256, ecdsa-sha2-nistp256, SHA256:V09AU8JLCpcLmrepTNOhy80+jK3ZWyQWIirBg4hnSto, e256",
    "ECDSA384, ecdsa-sha2-nistp384, SHA256:+WBnx1xJKtpxnX3jyL5dEjW7Eu4QoA4lqrKIijNeVUU, e384",
    "ECDSA521, ecdsa-sha2-nistp521, SHA256:5AoBow0rDPDpx4Nygm2ExCfMBFWKd9iUqw4PoIiouG8, e521",
    "RSA3072,  ssh-rsa,             SHA256:udavu61b0Zt9Nu55fI+0iMCXnS9A2IzHITESvCB5V3o, rsa3072",
  })
  void keysMadeBySshKeygenParseWithItsFingerprint(
      String constant, String algorithm, String fingerprint, String comment) {
    String line = line(constant);
    SshPublicKey.Line parsed = SshPublicKey.parse(line);
    assertEquals(algorithm, parsed.key().algorithm());
    assertEquals(fingerprint, parsed.key().fingerprint());
    assertEquals(comment, parsed.comment());
    assertEquals(line.substring(0, line.lastIndexOf(' ')), parsed.key().text());
    SshPublicKey again = SshPublicKey.of(algorithm, parsed.key().blob());
    assertEquals(parsed.key(), again);
    assertEquals(parsed.key().hashCode(), again.hashCode());
    assertEquals(algorithm + " " + fingerprint, again.toString());
  }

  @Test
  void aLineWithoutCommentOrWithSurroundingSpaceParses() {
    String bare = ED25519.substring(0, ED25519.lastIndexOf(' '));
    SshPublicKey.Line parsed = SshPublicKey.parse("  " + bare + "\n");
    assertEquals("", parsed.comment());
    assertEquals(bare, parsed.key().text());
    assertNotEquals(parsed.key(), SshPublicKey.parse(ECDSA256).key());
  }

  @Test
  void theCommentIsKeptWithItsSpacesAndMadePrintable() {
    String bare = ED25519.substring(0, ED25519.lastIndexOf(' '));
    assertEquals("lab LIS  nuit", SshPublicKey.parse(bare + "  lab LIS  nuit  ").comment());
    assertEquals("bell?here?", SshPublicKey.parse(bare + " bell\u0007here\u00e9").comment());
    String longComment = "x".repeat(SshPublicKey.MAX_COMMENT + 50);
    assertEquals(
        SshPublicKey.MAX_COMMENT, SshPublicKey.parse(bare + " " + longComment).comment().length());
  }

  @Test
  void aPrivateKeyIsRefusedWithAHint() {
    String pem =
        """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ
        -----END OPENSSH PRIVATE KEY-----
        """;
    assertRefused(pem, "private key");
    assertRefused("-----BEGIN RSA PRIVATE KEY-----", ".pub");
  }

  @Test
  void anUnknownTypeIsRefusedNamingTheAcceptedOnes() {
    String dss = "ssh-dss AAAAB3NzaC1kc3MAAACBAP= old";
    String message = assertRefused(dss, "Unsupported SSH key type [ssh-dss]");
    assertTrue(message.contains("ssh-ed25519"), message);
    assertRefused("ssh-\u0001evil AAAA", "[ssh-?evil]");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SshPublicKey.of("ssh-dss", new byte[4]));
    assertTrue(String.valueOf(e.getMessage()).contains("Unsupported SSH key type"));
  }

  @Test
  void aLineThatIsNotAKeyIsRefused() {
    assertRefused("", "ALGORITHM BASE64");
    assertRefused("ssh-ed25519", "ALGORITHM BASE64");
    assertRefused("ssh-ed25519 AAAA%%%not-base64 me", "not base64");
    assertRefused("ssh-ed25519 " + "A".repeat(17 * 1024), "16 KiB");
  }

  @Test
  void theTypeInTheTextMustBeTheTypeInTheBlob() {
    String ecdsaBlob = ECDSA256.split(" ", 3)[1];
    assertRefused(
        "ssh-ed25519 " + ecdsaBlob,
        "The key says [ssh-ed25519] but its data is of type [ecdsa-sha2-nistp256]");
    assertRefused(
        "ecdsa-sha2-nistp384 " + ecdsaBlob,
        "The key says [ecdsa-sha2-nistp384] but its data is of type [ecdsa-sha2-nistp256]");
  }

  @Test
  void anEcdsaKeyMustBeOnTheCurveItsTypeNames() {
    byte[] blob = blob(ECDSA256);
    // Same layout as a nistp256 key, but the curve field says nistp384.
    byte[] lying =
        concat(
            field("ecdsa-sha2-nistp256"),
            field("nistp384"),
            Arrays.copyOfRange(blob, 39, blob.length));
    assertRefused(
        "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(lying), "curve [nistp384]");
  }

  @Test
  void aTruncatedBlobIsRefused() {
    for (String line : new String[] {ED25519, ECDSA521, RSA3072}) {
      byte[] blob = blob(line);
      String algorithm = line.split(" ", 3)[0];
      for (int cut : new int[] {1, 3, 10, blob.length / 2, blob.length - 1}) {
        byte[] shorter = Arrays.copyOf(blob, cut);
        assertRefused(algorithm + " " + Base64.getEncoder().encodeToString(shorter), "truncated");
      }
    }
  }

  @Test
  void trailingDataIsRefused() {
    for (String line : new String[] {ED25519, ECDSA384, RSA3072}) {
      byte[] longer = concat(blob(line), new byte[] {0, 0, 0, 0});
      assertRefused(
          line.split(" ", 3)[0] + " " + Base64.getEncoder().encodeToString(longer),
          "trailing data");
    }
  }

  @Test
  void anEd25519KeyIsExactly32Bytes() {
    byte[] blob = concat(field("ssh-ed25519"), field(new byte[31]));
    assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(blob), "32 bytes");
  }

  @Test
  void rsaBelow2048BitsIsRefused() {
    assertRefused(RSA1024, "RSA key of 1024 bits; at least 2048 are needed");
  }

  @Test
  void blobIsACopy() {
    SshPublicKey key = SshPublicKey.parse(ED25519).key();
    byte[] b = key.blob();
    b[0] ^= 1;
    assertArrayEquals(blob(ED25519), key.blob());
  }

  private static String assertRefused(String line, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(line));
    assertTrue(
        String.valueOf(e.getMessage()).contains(expected),
        () -> "expected [" + expected + "] in [" + e.getMessage() + "]");
    return String.valueOf(e.getMessage());
  }

  private static String line(String constant) {
    return switch (constant) {
      case "ED25519" -> ED25519;
      case "ECDSA256" -> ECDSA256;
      case "ECDSA384" -> ECDSA384;
      case "ECDSA521" -> ECDSA521;
      case "RSA3072" -> RSA3072;
      default -> throw new IllegalArgumentException(constant);
    };
  }

  private static byte[] blob(String line) {
    return Base64.getDecoder().decode(line.split(" ", 3)[1]);
  }

  private static byte[] field(String s) {
    return field(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] field(byte[] b) {
    byte[] out = new byte[4 + b.length];
    out[0] = (byte) (b.length >>> 24);
    out[1] = (byte) (b.length >>> 16);
    out[2] = (byte) (b.length >>> 8);
    out[3] = (byte) b.length;
    System.arraycopy(b, 0, out, 4, b.length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
