package io.valise.cli;

import io.valise.age.Identity;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import io.valise.client.api.ApiProblem;
import io.valise.client.api.ValiseApi;
import io.valise.client.keys.Pins;
import io.valise.client.state.ClientHome;
import io.valise.client.state.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise key publish}: publishes the recipients of an identity file so others can send to
 * this account; without {@code -i}, of {@code $VALISE_HOME/identity}, made first if missing.
 */
final class KeyPublishCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  KeyPublishCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "publish",
            "Publish your public key in the server's key directory, so that others can send you"
                + " files.",
            "",
            "Without -i, uses $VALISE_HOME/identity, and first creates it (a new X25519"
                + " identity, mode 0600) if it does not exist. The private key never leaves this"
                + " machine; only its recipient (age1...) is sent. Your own new key is pinned"
                + " here at once.");
    spec.addOption(
        Specs.single(
            "FILE",
            "Publish the recipients of the identities in FILE (from 'valise keygen' or"
                + " age-keygen) instead.",
            "-i",
            "--identity"));
    spec.addOption(
        Specs.flag(
            "When creating $VALISE_HOME/identity, make it post-quantum (ML-KEM-768 + X25519)."
                + " Senders then cannot mix it with classical keys in one file.",
            "--pq"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise key publish          # makes $VALISE_HOME/identity, publishes its key",
        "  valise key publish --pq",
        "  valise key publish -i ~/keys/agency.key");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String file = Specs.value(parsed, "-i");
    boolean pq = Specs.isSet(parsed, "--pq");
    if (file != null && pq) {
      throw new UsageException("--pq creates a new identity; it cannot be combined with -i");
    }
    Session s = remote.session();
    ClientHome home = remote.home();
    if (file == null && !Files.exists(home.file(ClientHome.IDENTITY))) {
      create(home, pq);
    }
    List<Identity> identities = remote.identities(file);
    List<String> recipients = new ArrayList<>();
    for (Identity id : identities) {
      recipients.add(KeygenCommand.recipientOf(id));
    }
    ValiseApi api = remote.api(s);
    for (String r : recipients) {
      try {
        api.publishKey(r);
        env.stderr().println("valise: published " + r);
      } catch (ApiProblem p) {
        if (!p.code().equals("already_published")) {
          throw p;
        }
        env.stderr().println("valise: already published " + r);
      }
    }
    Pins pins = remote.pins();
    pins.pin(s.server(), s.account(), recipients, env.clock().instant());
    pins.save(home);
    return 0;
  }

  private void create(ClientHome home, boolean pq) throws IOException {
    String created =
        DateTimeFormatter.ISO_INSTANT.format(env.clock().instant().truncatedTo(ChronoUnit.SECONDS));
    byte[] text;
    if (pq) {
      try (MlKem768X25519Identity id = MlKem768X25519Identity.generate(env.random())) {
        text = KeygenCommand.keyFile(created, id.recipient().encode(), id.encode());
      }
    } else {
      try (X25519Identity id = X25519Identity.generate(env.random())) {
        text = KeygenCommand.keyFile(created, id.recipient().encode(), id.encode());
      }
    }
    try {
      home.create(ClientHome.IDENTITY, text);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    env.stderr().println("valise: created " + home.file(ClientHome.IDENTITY) + " (keep it safe)");
  }
}
