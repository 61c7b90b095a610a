package io.valise.app.e2e;

import java.nio.charset.StandardCharsets;

/** What one run of the valise command left: exit code, standard output and standard error. */
final class Run {
  private final int code;
  private final byte[] out;
  private final String err;

  Run(int code, byte[] out, String err) {
    this.code = code;
    this.out = out.clone();
    this.err = err;
  }

  int code() {
    return code;
  }

  byte[] bytes() {
    return out.clone();
  }

  String out() {
    return new String(out, StandardCharsets.UTF_8);
  }

  String err() {
    return err;
  }

  @Override
  public String toString() {
    return "exit " + code + "\nstdout: " + out() + "\nstderr: " + err;
  }
}
