package io.valise.cli;

import io.valise.client.api.ValiseApi;
import io.valise.client.state.Session;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise revoke ID [--recipient NAME | --link LINK_ID]}. */
final class RevokeCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  RevokeCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "revoke",
            "Withdraw a file you sent: for everyone (the server purges it at once), for one"
                + " recipient, or one share link.",
            "",
            "Access ends at once; a copy someone already downloaded cannot be taken back.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("ID")
            .description("The envelope id (see 'valise outbox').")
            .build());
    spec.addOption(Specs.single("NAME", "Only remove this recipient's access.", "--recipient"));
    spec.addOption(
        Specs.single("LINK_ID", "Only revoke this share link (the id after /s/).", "--link"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise revoke 3q2z7x5k4c...                      # withdraw the file",
        "  valise revoke 3q2z7x5k4c... --recipient carol",
        "  valise revoke 3q2z7x5k4c... --link Xy12...");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String id = ValiseApi.segment(parsed.matchedPositionalValue(0, ""));
    @Nullable String recipient = Specs.value(parsed, "--recipient");
    @Nullable String link = Specs.value(parsed, "--link");
    if (recipient != null && link != null) {
      throw new UsageException("give --recipient or --link, not both");
    }
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    if (recipient != null) {
      api.removeRecipient(id, recipient);
      env.stderr().println("valise: " + recipient + " can no longer get " + id);
    } else if (link != null) {
      api.deleteLink(id, link);
      env.stderr().println("valise: link " + link + " of " + id + " revoked");
    } else {
      api.withdraw(id);
      env.stderr().println("valise: " + id + " withdrawn and purged");
    }
    return 0;
  }
}
