package io.valise.lab.incident;

/** How an envelope's content was exposed, from the least to the most serious. */
public enum Exposure {
  /** Only age ciphertext left the server's control; no key to open it did. */
  CIPHERTEXT("ciphertext", 0),
  /**
   * Arrived through the SFTP gateway in clear and was encrypted on arrival: readable to whoever
   * controlled the running server at that moment, not to a thief of its disk and database.
   */
  READABLE_IN_TRANSIT("readable-in-transit", 1),
  /** Someone outside the intended recipients could read it (held or could use a key). */
  READABLE("readable", 2);

  private final String label;
  private final int rank;

  Exposure(String label, int rank) {
    this.label = label;
    this.rank = rank;
  }

  /** 0 for the least serious, 2 for the most. */
  int rank() {
    return rank;
  }

  /** The exposure of this {@link #rank()}. */
  static Exposure ofRank(int rank) {
    for (Exposure e : values()) {
      if (e.rank == rank) {
        return e;
      }
    }
    throw new IllegalArgumentException("no exposure of rank " + rank);
  }

  /** The word used in reports and CSV files. */
  public String label() {
    return label;
  }

  /** The exposure of this label. */
  public static Exposure ofLabel(String label) throws IncidentException {
    for (Exposure e : values()) {
      if (e.label.equals(label)) {
        return e;
      }
    }
    throw new IncidentException(
        "unknown exposure '" + label + "' (readable, readable-in-transit or ciphertext)");
  }
}
