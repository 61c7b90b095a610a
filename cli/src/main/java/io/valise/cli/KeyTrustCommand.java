package io.valise.cli;

import io.valise.client.api.Directory;
import io.valise.client.api.Member;
import io.valise.client.keys.Pin;
import io.valise.client.keys.Pins;
import io.valise.client.state.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise key trust NAME}: accepts the keys the server now lists for an account (or every
 * member of a group), showing the pinned keys and the new ones.
 */
final class KeyTrustCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  KeyTrustCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "trust",
            "Accept the current keys of an account (or of every member of a group) after they"
                + " changed.",
            "",
            "'valise send' pins each person's keys the first time it uses them and refuses a key"
                + " that is not pinned: a new device of that person, or someone substituting a"
                + " key. Check the new key with the person (by phone, in person) before trusting"
                + " it. The old and new keys are shown.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("NAME")
            .description("The account or group.")
            .build());
    Specs.footer(
        spec,
        "Examples:",
        "  valise key list bob      # what is pinned here, what the server lists now",
        "  valise key trust bob       # after checking bob's new key with him");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String name = parsed.matchedPositionalValue(0, "");
    Session s = remote.session();
    Directory dir = remote.api(s).directory(name);
    Pins pins = remote.pins();
    PrintStream out = new PrintStream(env.stdout(), true, java.nio.charset.StandardCharsets.UTF_8);
    for (Member m : dir.members()) {
      List<Pin> old = pins.pinned(s.server(), m.account());
      List<String> now = m.recipients();
      for (Pin p : old) {
        out.println(
            m.account()
                + "  old  "
                + p.recipient()
                + (now.contains(p.recipient()) ? "" : "  (dropped)"));
      }
      for (String k : now) {
        boolean isNew = old.stream().noneMatch(p -> p.recipient().equals(k));
        out.println(m.account() + "  new  " + k + (isNew ? "  (now trusted)" : ""));
      }
      if (now.isEmpty()) {
        out.println(m.account() + "  has no published key");
      }
      pins.trust(s.server(), m.account(), now, env.clock().instant());
    }
    pins.save(remote.home());
    env.stderr().println("valise: trusting the keys listed as new for " + name);
    return 0;
  }
}
