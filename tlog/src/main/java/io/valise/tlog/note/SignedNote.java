package io.valise.tlog.note;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A C2SP signed note (c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one
 * line per signature, {@code — <key name> <base64(4-byte key id || Ed25519 signature)>}. The
 * signature is over the text, its final newline included.
 *
 * <p>{@link #open} is strict: it refuses bad UTF-8, control characters, malformed or duplicated
 * signature lines and more than {@value #MAX_SIGNATURES} signatures; it ignores signatures by keys
 * it does not know, refuses a note any known key signed wrongly, and refuses one that no known key
 * signed.
 *
 * @param text the signed text, ending in a newline
 * @param verified the signatures that known keys verified, in note order
 * @param unverified the signatures of unknown keys, in note order
 */
public record SignedNote(
    String text, List<NoteSignature> verified, List<NoteSignature> unverified) {
  /** The most signature lines a note may carry (as Go's note package). */
  public static final int MAX_SIGNATURES = 100;

  /** U+2014 EM DASH, then a space. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  public SignedNote {
    verified = List.copyOf(verified);
    unverified = List.copyOf(unverified);
  }

  /** Signs {@code text} with each signer, in order: the whole note, ready to publish. */
  public static String sign(String text, NoteSigner... signers) {
    checkText(text);
    if (signers.length == 0 || signers.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a note needs 1 to " + MAX_SIGNATURES + " signers, not " + signers.length);
    }
    StringBuilder out = new StringBuilder(text).append('\n');
    Set<String> seen = new HashSet<>();
    for (NoteSigner signer : signers) {
      if (!seen.add(signer.verifier().label())) {
        throw new IllegalArgumentException("signer " + signer.verifier().label() + " given twice");
      }
      byte[] signature = signer.sign(text);
      byte[] blob =
          ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature).array();
      out.append(new NoteSignature(signer.name(), signer.keyId(), b64(blob)).line());
    }
    return out.toString();
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void checkText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must be non-empty and end in a newline");
    }
    String bad = Text.badCharacter(text);
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("note text has a " + bad);
    }
  }

  /** Opens a note given as bytes, which must be strict UTF-8. */
  public static SignedNote open(byte[] message, Verifiers known) throws NoteException {
    return open(Text.utf8(message, "note"), known);
  }

  /** Parses and verifies a note; see the class comment for what is refused. */
  public static SignedNote open(String message, Verifiers known) throws NoteException {
    String bad = Text.badCharacter(message);
    if (!bad.isEmpty()) {
      throw new NoteException("malformed note: " + bad);
    }
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("malformed note: no blank line before the signatures");
    }
    String text = message.substring(0, split + 1);
    String block = message.substring(split + 2);
    if (block.isEmpty()) {
      throw new NoteException("malformed note: no signatures");
    }
    if (!block.endsWith("\n")) {
      throw new NoteException("malformed note: the last signature line does not end in a newline");
    }
    Map<String, NoteSignature> lines = new LinkedHashMap<>();
    for (int start = 0; start < block.length(); ) {
      int end = block.indexOf('\n', start);
      String line = block.substring(start, end);
      start = end + 1;
      if (lines.size() == MAX_SIGNATURES) {
        throw new NoteException("malformed note: more than " + MAX_SIGNATURES + " signature lines");
      }
      NoteSignature signature = parseLine(line);
      if (lines.putIfAbsent(line, signature) != null) {
        throw new NoteException(
            "malformed note: duplicate signature line for key " + signature.label());
      }
    }
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<String> verifiedKeys = new HashSet<>();
    for (NoteSignature signature : lines.values()) {
      NoteVerifier verifier = known.find(signature.name(), signature.keyId());
      if (verifier == null) {
        unverified.add(signature);
        continue;
      }
      byte[] blob = Base64.getDecoder().decode(signature.base64());
      byte[] sig = java.util.Arrays.copyOfRange(blob, 4, blob.length);
      if (!verifier.verify(text, sig)) {
        throw new NoteException("invalid signature for key " + signature.label());
      }
      if (!verifiedKeys.add(signature.label())) {
        throw new NoteException("malformed note: two signatures by key " + signature.label());
      }
      verified.add(signature);
    }
    if (verified.isEmpty()) {
      List<String> found = new ArrayList<>();
      for (NoteSignature s : unverified) {
        found.add(s.label());
      }
      throw new NoteException(
          "note has no signature from a known key: known "
              + known.labels()
              + ", signed by "
              + found);
    }
    return new SignedNote(text, verified, unverified);
  }

  private static NoteSignature parseLine(String line) throws NoteException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new NoteException(
          "malformed note: not a signature line (\u2014 name base64): " + Text.printable(line));
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new NoteException("malformed note: signature line without a space after the name");
    }
    String name = rest.substring(0, space);
    String b64 = rest.substring(space + 1);
    if (!Text.isValidName(name)) {
      throw new NoteException("malformed note: bad key name " + Text.printable(name));
    }
    byte[] blob = Text.base64(b64, "malformed note: signature by " + name);
    if (blob.length < 5) {
      throw new NoteException("malformed note: signature by " + name + " is too short");
    }
    return new NoteSignature(name, ByteBuffer.wrap(blob).getInt(), b64);
  }
}
