package io.valise.lab.ident;

import java.util.function.Function;

/**
 * The outcome of checking an identifier: the parsed value, or the reason it is not valid. The
 * reason is a short English phrase without the value itself, so it can go into a reject report
 * without repeating personal data.
 */
public sealed interface Checked<T> permits Checked.Valid, Checked.Invalid {
  /** A valid identifier. */
  record Valid<T>(T value) implements Checked<T> {}

  /** An invalid identifier and why. */
  record Invalid<T>(String reason) implements Checked<T> {}

  static <T> Checked<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Checked<T> invalid(String reason) {
    return new Invalid<>(reason);
  }

  default boolean isValid() {
    return this instanceof Valid<T>;
  }

  /** The value; throws {@link IllegalArgumentException} with the reason if invalid. */
  default T orThrow() {
    return switch (this) {
      case Valid<T> v -> v.value();
      case Invalid<T> i -> throw new IllegalArgumentException(i.reason());
    };
  }

  default <U> Checked<U> map(Function<T, U> f) {
    return switch (this) {
      case Valid<T> v -> new Valid<>(f.apply(v.value()));
      case Invalid<T> i -> new Invalid<>(i.reason());
    };
  }
}
