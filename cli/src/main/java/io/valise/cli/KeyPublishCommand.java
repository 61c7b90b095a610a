package io.valise.cli;

import io.valise.age.Identity;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import io.valise.client.api.ApiProblem;
import io.valise.client.api.LoggedEntry;
import io.valise.client.api.Member;
import io.valise.client.api.Published;
import io.valise.client.api.PublishedKey;
import io.valise.client.api.Receipt;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.Receipts;
import io.valise.client.audit.VerifiedCheckpoint;
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
import java.util.Map;
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
                + " here at once, after checking the server's receipt: the audit log holds its"
                + " key.publish entry, so senders can check it too.");
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
    spec.addOption(
        Specs.flag(
            "Print the verified audit receipt of each new key on stderr: its log index, the"
                + " tree size and root it was proved under.",
            "--receipt"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise key publish          # makes $VALISE_HOME/identity, publishes its key",
        "  valise key publish --receipt",
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
    LogVerifier log = remote.log(s.server(), api.audit());
    boolean showReceipt = Specs.isSet(parsed, "--receipt");
    for (String r : recipients) {
      Published published;
      try {
        published = api.publishKey(r);
        env.stderr().println("valise: published " + r);
      } catch (ApiProblem p) {
        if (!p.code().equals("already_published")) {
          throw p;
        }
        env.stderr().println("valise: already published " + r);
        continue;
      }
      String logged = verifyLogged(api, s, log, published);
      if (showReceipt) {
        env.stderr().println("valise: receipt of key " + published.key().id() + ": " + logged);
      }
    }
    Pins pins = remote.pins();
    pins.pin(s.server(), s.account(), recipients, env.clock().instant());
    pins.save(home);
    return 0;
  }

  /**
   * Checks that the key is in the audit log: by its receipt, or, when the server answered before
   * sequencing it, by its {@code log} entry in {@code /api/me} once there (waiting up to about 10
   * s), proved like any recipient's key.
   */
  private String verifyLogged(ValiseApi api, Session s, LogVerifier log, Published published)
      throws IOException {
    PublishedKey key = published.key();
    Receipt receipt = published.receipt();
    if (receipt != null) {
      return Receipts.verify(
              receipt,
              Map.of(
                  "type", "key.publish",
                  "key", key.id(),
                  "accountName", s.account(),
                  "recipient", key.recipient()),
              log,
              "the publication of key " + key.id())
          .describe();
    }
    List<Member> mine =
        remote.logged(
            () ->
                List.of(
                    new Member(
                        s.account(),
                        api.myKeys().stream().filter(k -> k.id().equals(key.id())).toList())));
    if (mine.get(0).keys().isEmpty()) {
      throw new CliException(
          "the key " + key.id() + " just published is not among your keys on the server");
    }
    Remote.checkKeys(mine, log);
    LoggedEntry entry = java.util.Objects.requireNonNull(mine.get(0).keys().get(0).log());
    VerifiedCheckpoint c = log.current();
    return "index " + entry.index() + ", tree size " + c.size() + ", root " + c.root().hex();
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
