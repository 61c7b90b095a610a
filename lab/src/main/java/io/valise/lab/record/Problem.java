package io.valise.lab.record;

/**
 * Why a record cannot be sent: the row (line of the file where the record starts), the field, and a
 * reason that does not repeat the value.
 */
public record Problem(long row, Column field, String reason) {
  @Override
  public String toString() {
    return "row " + row + ", " + field.header() + ": " + reason;
  }
}
