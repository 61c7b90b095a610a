package io.valise.tlog.note;

import java.util.Arrays;

/**
 * The parts of a verifier key's text form {@code <name>+<key id>+<base64(type || key)>}, shared by
 * note and cosignature verifiers, which differ only in the type byte.
 */
// A short-lived carrier from the parser to a constructor that copies the key; never compared.
@SuppressWarnings("ArrayRecordComponent")
record VerifierKeyText(String name, int id, byte[] publicKey) {
  /**
   * Splits and checks {@code text}: a valid name, an 8-hex-digit id, and base64 of {@code type}
   * followed by a 32-byte Ed25519 key ({@code kind} names it in the error).
   */
  static VerifierKeyText parse(String text, byte type, String kind) throws NoteException {
    int first = text.indexOf('+');
    int second = first < 0 ? -1 : text.indexOf('+', first + 1);
    if (second < 0) {
      throw new NoteException("a verifier key is <name>+<key id>+<key>: " + Text.printable(text));
    }
    String name = text.substring(0, first);
    if (!Text.isValidName(name)) {
      throw new NoteException("bad key name in verifier key " + Text.printable(text));
    }
    int id = Text.parseHexId(text.substring(first + 1, second));
    byte[] key = Text.base64(text.substring(second + 1), "verifier key " + name);
    if (key.length != 1 + Ed25519.KEY_SIZE || key[0] != type) {
      throw new NoteException("verifier key " + name + " is not " + kind);
    }
    return new VerifierKeyText(name, id, Arrays.copyOfRange(key, 1, key.length));
  }
}
