package io.valise.lab.profile;

/** A profile file that cannot be used, with the file's name and the line at fault. */
public final class ProfileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProfileException(String message) {
    super(message);
  }
}
