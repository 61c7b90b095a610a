package io.valise.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A scripted terminal: which streams are terminals, and what the user types at each prompt. */
final class FakeTerminal implements Terminal {
  private final Set<Stream> terminals = EnumSet.noneOf(Stream.class);
  private final Deque<String> typed = new ArrayDeque<>();
  private final List<String> prompts = new ArrayList<>();
  private boolean present;

  /** No terminal at all, as in CI: prompts fail. */
  static FakeTerminal none() {
    return new FakeTerminal();
  }

  /** A terminal the user types {@code lines} into, one per prompt; no stream is attached to it. */
  static FakeTerminal typing(String... lines) {
    FakeTerminal t = new FakeTerminal();
    t.present = true;
    t.typed.addAll(List.of(lines));
    return t;
  }

  FakeTerminal attached(Stream... streams) {
    terminals.addAll(List.of(streams));
    return this;
  }

  @Override
  public boolean isTerminal(Stream stream) {
    return terminals.contains(stream);
  }

  @Override
  public char[] readSecret(String prompt) throws CliException {
    if (!present) {
      throw new CliException(
          "no terminal to ask for the passphrase: give it with --passphrase-file FILE");
    }
    prompts.add(prompt);
    String line = typed.poll();
    if (line == null) {
      throw new CliException("end of input on the terminal");
    }
    return line.toCharArray();
  }

  /** The prompts shown so far. */
  List<String> prompts() {
    return prompts;
  }
}
