package io.valise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.Identity;
import io.valise.client.api.EnvelopeInfo;
import io.valise.client.api.ValiseApi;
import io.valise.client.envelope.Metadata;
import io.valise.client.state.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise inbox} and {@code valise outbox}: the envelopes to or from me that have not
 * expired, with file names decrypted here when my identity opens them.
 */
final class BoxCommand implements Command {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliEnv env;
  private final Remote remote;
  private final boolean inbox;

  BoxCommand(CliEnv env, boolean inbox) {
    this.env = env;
    this.remote = new Remote(env);
    this.inbox = inbox;
  }

  @Override
  public CommandSpec spec() {
    String name = inbox ? "inbox" : "outbox";
    CommandSpec spec =
        Specs.command(
            this,
            name,
            inbox
                ? "List the files sent to you that have not expired."
                : "List the files you sent that have not expired.",
            "",
            "Columns: envelope id, "
                + (inbox ? "sender" : "recipients")
                + ", file name (decrypted here with your identity; '?' when it cannot be"
                + " opened), size, expiry, downloads left. Reading names never counts as a"
                + " download.");
    spec.addOption(
        Specs.single(
            "FILE",
            "Open file names with the identities in FILE instead of $VALISE_HOME/identity.",
            "-i",
            "--identity"));
    spec.addOption(Specs.flag("Print JSON (one array of objects) for scripts.", "--json"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise " + name,
        "  valise " + name + " --json | jq -r '.[].id'",
        inbox ? "  valise get ID" : "  valise revoke ID");
    return spec;
  }

  /** One envelope as shown. */
  private record Row(EnvelopeInfo e, @Nullable Metadata meta) {}

  @Override
  public int run(ParseResult parsed) throws IOException {
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    List<EnvelopeInfo> found = inbox ? api.inbox() : api.outbox();
    List<Identity> identities = remote.identitiesIfAny(Specs.value(parsed, "-i"));
    List<Row> rows = new ArrayList<>();
    boolean headers = !identities.isEmpty();
    for (EnvelopeInfo e : found) {
      @Nullable Metadata meta = null;
      if (headers) {
        try {
          meta = name(api, e, identities);
        } catch (IOException ex) {
          // purged since the listing, not for this identity, or unreadable metadata: shown as '?'
        }
      }
      rows.add(new Row(e, meta));
    }
    PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    if (Specs.isSet(parsed, "--json")) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(rows)));
    } else {
      table(out, rows);
    }
    return 0;
  }

  private static @Nullable Metadata name(ValiseApi api, EnvelopeInfo e, List<Identity> ids)
      throws IOException {
    byte[] sealed = e.metadata();
    if (sealed.length == 0) {
      return null;
    }
    Header h = Header.parse(new ByteArrayInputStream(api.header(e.id())));
    try (FileKey key = h.unwrap(ids)) {
      return Metadata.open(sealed, key);
    }
  }

  private ArrayNode json(List<Row> rows) {
    ArrayNode a = JSON.createArrayNode();
    for (Row r : rows) {
      EnvelopeInfo e = r.e();
      ObjectNode o = a.addObject();
      o.put("id", e.id());
      o.put("sender", e.sender());
      ArrayNode to = o.putArray("recipients");
      e.recipients().forEach(to::add);
      Metadata m = r.meta();
      if (m == null) {
        o.putNull("name");
        o.putNull("type");
      } else {
        o.put("name", m.name());
        o.put("type", m.type());
      }
      o.put("size", e.size());
      o.put("createdAt", e.createdAt().toString());
      o.put("expiresAt", e.expiresAt().toString());
      Integer left = e.downloadsLeft();
      if (left == null) {
        o.putNull("downloadsLeft");
      } else {
        o.put("downloadsLeft", left.intValue());
      }
    }
    return a;
  }

  private void table(PrintStream out, List<Row> rows) {
    if (rows.isEmpty()) {
      env.stderr().println("valise: " + (inbox ? "inbox" : "outbox") + " is empty");
      return;
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(
        new String[] {"ID", inbox ? "FROM" : "TO", "NAME", "SIZE", "EXPIRES", "DOWNLOADS LEFT"});
    for (Row r : rows) {
      EnvelopeInfo e = r.e();
      Metadata m = r.meta();
      Integer left = e.downloadsLeft();
      cells.add(
          new String[] {
            e.id(),
            inbox ? e.sender() : String.join(",", e.recipients()),
            m == null ? "?" : printable(m.name()),
            ProgressBar.size(m == null ? e.size() : m.size()),
            e.expiresAt().toString(),
            left == null ? "unlimited" : left.toString()
          });
    }
    int[] width = new int[cells.get(0).length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : cells) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        b.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /** A name from a sender must not move the cursor or start lines on the terminal. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
