package io.valise.tlog.note;

/**
 * One signature line of a note, {@code — <name> <base64(key id || signature)>}: the key's name and
 * id, and the base64 exactly as it was written.
 */
public record NoteSignature(String name, int keyId, String base64) {
  public NoteSignature {
    Text.requireValidName(name);
  }

  /** {@code name+keyid}, how messages name the key. */
  public String label() {
    return name + "+" + Text.hexId(keyId);
  }

  /** The line, with its em dash and final newline. */
  public String line() {
    return SignedNote.SIGNATURE_PREFIX + name + " " + base64 + "\n";
  }
}
