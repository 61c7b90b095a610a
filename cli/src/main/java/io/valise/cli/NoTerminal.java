package io.valise.cli;

/** No terminal at all (a service, a test harness): nothing is a tty and nothing can be asked. */
final class NoTerminal implements Terminal {
  @Override
  public boolean isTerminal(Stream stream) {
    return false;
  }

  @Override
  public char[] readSecret(String prompt) throws CliException {
    throw new CliException(
        "no terminal to ask on (" + prompt.strip() + "): give it on standard input instead");
  }
}
