package io.valise.tlog.note;

import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP checkpoint body (c2sp.org/tlog-checkpoint): the note text {@code <origin>\n<tree size in
 * decimal>\n<base64 root hash>\n}, then optional extension lines, each non-empty.
 *
 * @param origin the log's unique name, non-empty
 * @param size the number of leaves, not negative
 * @param rootHash the tree's root hash at that size
 * @param extensions the extension lines, without newlines (usually none)
 */
public record Checkpoint(String origin, long size, RootHash rootHash, List<String> extensions) {
  public Checkpoint {
    checkLine(origin, "origin");
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + size);
    }
    extensions = List.copyOf(extensions);
    for (String extension : extensions) {
      checkLine(extension, "extension line");
    }
  }

  public Checkpoint(String origin, long size, RootHash rootHash) {
    this(origin, size, rootHash, List.of());
  }

  private static void checkLine(String line, String what) {
    if (line.isEmpty() || line.indexOf('\n') >= 0 || !Text.badCharacter(line).isEmpty()) {
      throw new IllegalArgumentException(
          "a checkpoint " + what + " is one non-empty line of printable text");
    }
  }

  /** The note text. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(origin)
        .append('\n')
        .append(size)
        .append('\n')
        .append(rootHash.base64())
        .append('\n');
    for (String extension : extensions) {
      out.append(extension).append('\n');
    }
    return out.toString();
  }

  /** Parses a checkpoint body strictly. */
  public static Checkpoint parse(String text) throws NoteException {
    if (!text.endsWith("\n")) {
      throw new NoteException("malformed checkpoint: does not end in a newline");
    }
    String bad = Text.badCharacter(text);
    if (!bad.isEmpty()) {
      throw new NoteException("malformed checkpoint: " + bad);
    }
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end);
      if (line.isEmpty()) {
        throw new NoteException("malformed checkpoint: empty line " + (lines.size() + 1));
      }
      lines.add(line);
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw new NoteException(
          "malformed checkpoint: needs origin, size and root hash lines, has " + lines.size());
    }
    String origin = lines.get(0);
    long size = parseSize(lines.get(1));
    byte[] hash = Text.base64(lines.get(2), "malformed checkpoint: root hash");
    if (hash.length != RootHash.SIZE) {
      throw new NoteException(
          "malformed checkpoint: root hash is " + hash.length + " bytes, not " + RootHash.SIZE);
    }
    return new Checkpoint(origin, size, RootHash.of(hash), lines.subList(3, lines.size()));
  }

  private static long parseSize(String s) throws NoteException {
    if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NoteException(
          "malformed checkpoint: tree size is not decimal digits: " + Text.printable(s));
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new NoteException("malformed checkpoint: tree size has a leading zero: " + s);
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new NoteException(
          "malformed checkpoint: tree size does not fit in 63 bits: " + Text.printable(s));
    }
  }

  /**
   * Opens a signed checkpoint: the note must be signed by {@code logKey} (other signatures, such as
   * witnesses' cosignatures, are kept as unverified) and its origin must be {@code origin}.
   */
  public static Checkpoint open(byte[] message, String origin, NoteVerifier logKey)
      throws NoteException {
    SignedNote note = SignedNote.open(message, Verifiers.of(logKey));
    Checkpoint checkpoint = parse(note.text());
    if (!checkpoint.origin().equals(origin)) {
      throw new NoteException(
          "checkpoint is for origin "
              + Text.printable(checkpoint.origin())
              + ", expected "
              + Text.printable(origin));
    }
    return checkpoint;
  }

  /** Signs this checkpoint: the whole note, ready to publish. */
  public String sign(NoteSigner... signers) {
    return SignedNote.sign(text(), signers);
  }
}
