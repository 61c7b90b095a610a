package io.valise.tlog.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The shared text rules of the note formats: names, key ids, strict base64 and UTF-8. */
final class Text {
  private Text() {}

  /** Strict UTF-8: malformed input is refused, not replaced. */
  static String utf8(byte[] bytes, String what) throws NoteException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoteException(what + " is not valid UTF-8");
    }
  }

  /**
   * Empty when the text has only newlines and printable characters (no other code point below
   * U+0020, as Go's note package checks, and no unpaired surrogate); otherwise why not.
   */
  static String badCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp < 0x20 && cp != '\n') {
        return String.format("control character U+%04X at offset %d", cp, i);
      }
      if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
        return "unpaired surrogate at offset " + i;
      }
      i += Character.charCount(cp);
    }
    return "";
  }

  /**
   * A key name: non-empty, no whitespace (Unicode's, as Go's unicode.IsSpace), no '+', no control
   * character.
   */
  static boolean isValidName(String name) {
    if (name.isEmpty() || !badCharacter(name).isEmpty()) {
      return false;
    }
    return name.codePoints()
        .noneMatch(
            cp ->
                cp == '+'
                    || cp < 0x20
                    || cp == 0x85
                    || Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp));
  }

  static void requireValidName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "a key name must be non-empty, without spaces or '+': " + printable(name));
    }
  }

  /** First 4 bytes, big-endian, of SHA-256(name || 0x0A || keyType || key). */
  static int keyId(String name, byte keyType, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(keyType);
      sha.update(key);
      return ByteBuffer.wrap(sha.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String hexId(int id) {
    return HexFormat.of().toHexDigits(id);
  }

  /** Exactly 8 lowercase hex digits, as written in key strings. */
  static int parseHexId(String hex) throws NoteException {
    if (hex.length() != 8
        || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new NoteException("a key id is 8 lowercase hex digits: " + printable(hex));
    }
    return HexFormat.fromHexDigits(hex);
  }

  /** Standard base64 with padding, canonical only (what Go's StdEncoding accepts, no more). */
  static byte[] base64(String text, String what) throws NoteException {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new NoteException(what + " is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new NoteException(what + " is not canonical padded base64");
    }
    return decoded;
  }

  /** A short, quoted rendering of untrusted input for error messages. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(s.length(), 80);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > limit ? "\"..." : "\"").toString();
  }
}
