package io.valise.age;

import java.io.IOException;

/**
 * Any failure to read or write an age file. Subclasses say which part failed, matching the outcomes
 * of the age test kit: {@link HeaderException}, {@link NoIdentityMatchException}, {@link
 * HeaderMacException}, {@link PayloadException}, {@link ArmorException}.
 *
 * <p>It extends {@link IOException} so that streams can report it from {@code read}.
 */
public sealed class AgeException extends IOException
    permits HeaderException,
        NoIdentityMatchException,
        HeaderMacException,
        PayloadException,
        ArmorException {
  private static final long serialVersionUID = 1L;

  AgeException(String message) {
    super(message);
  }

  AgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
