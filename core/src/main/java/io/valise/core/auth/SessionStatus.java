package io.valise.core.auth;

/** Whether a session may still be used, and if not, why. */
public enum SessionStatus {
  /** Usable. */
  ACTIVE,
  /** Unused for longer than the idle timeout. */
  IDLE_EXPIRED,
  /** Older than the absolute lifetime. */
  ABSOLUTE_EXPIRED
}
