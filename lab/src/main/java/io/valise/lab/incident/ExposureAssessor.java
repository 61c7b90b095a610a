package io.valise.lab.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads audit entries (docs/audit.md) one at a time and decides which envelopes an incident
 * exposed, and how. Memory holds one small state per envelope, share link and account, never the
 * entries. The rules (docs/lab.md, "Incident assessment"):
 *
 * <ul>
 *   <li><b>Compromised account</b> (its credentials and its private key): an envelope it downloaded
 *       in the window is readable; so is one addressed to it that it could have downloaded in the
 *       window (uploaded before the end, not yet purged, withdrawn, expired or its recipient
 *       removed at the start), since the key opens any copy; so is one it re-wrapped or made a
 *       share link for in the window (that takes the file key). Envelopes it only sent are not
 *       exposed by it: the sender's client encrypts to the recipients, a lab's own keys are not
 *       recipients, and the clear file was on the sender's machine, not on the server.
 *   <li><b>Leaked share link</b> (its address with the secret): downloads through it in the window,
 *       and its envelope if the link was usable at some time in the window, are readable.
 *   <li><b>Stolen storage and database</b>: every envelope stored at some time in the window is
 *       ciphertext only. Envelopes that arrived in clear through the SFTP gateway in the window are
 *       set apart: readable in transit to whoever controlled the running server.
 *   <li><b>Compromised node</b>: the same as a theft, over the times the node ran in the window
 *       (from its {@code server.start} to its {@code server.stop} or next start). Entries do not
 *       name the node that handled a request, so every clear SFTP upload while it ran is listed.
 * </ul>
 */
public final class ExposureAssessor {
  private final Window window;
  private final Compromise compromise;
  private final Map<String, String> accountNames = new HashMap<>();
  private final Set<String> accountsSeen = new HashSet<>();
  private final Map<String, Env> envelopes = new LinkedHashMap<>();
  private final Map<String, Link> links = new HashMap<>();
  private final List<Instant[]> nodeRuns = new ArrayList<>();
  private final Set<String> nodesSeen = new TreeSet<>();
  private final Set<String> loggedInWhileExposed = new TreeSet<>();
  private @Nullable Instant nodeStartedAt;
  private long entries;

  /** An assessment of {@code compromise} over {@code window}. */
  public ExposureAssessor(Window window, Compromise compromise) {
    this.window = window;
    this.compromise = compromise;
  }

  private static final class Env {
    final String id;
    @Nullable Instant uploadedAt;
    @Nullable Instant expiresAt;
    @Nullable Instant goneAt;
    @Nullable String sender;
    boolean clearIngress;
    final Map<String, Instant> recipients = new HashMap<>();
    final Map<String, Instant> removed = new HashMap<>();
    final Map<String, Reason> reasons = new LinkedHashMap<>();

    Env(String id) {
      this.id = id;
    }

    void add(String key, Exposure e, String text) {
      reasons.putIfAbsent(key, new Reason(e, text));
    }
  }

  private record Reason(Exposure exposure, String text) {}

  private static final class Link {
    final String envelope;
    final Instant createdAt;
    @Nullable Instant expiresAt;
    @Nullable Instant revokedAt;
    long maxDownloads = -1;
    long downloadsBeforeWindow;

    Link(String envelope, Instant createdAt) {
      this.envelope = envelope;
      this.createdAt = createdAt;
    }
  }

  /**
   * Takes the next entry, in log order.
   *
   * @throws IncidentException if it has no valid time, or an envelope entry has no envelope
   */
  public void accept(Map<String, String> e) throws IncidentException {
    entries++;
    String type = e.getOrDefault("type", "");
    Instant time = time(e, "time");
    if (time == null) {
      throw new IncidentException("entry " + entries + ": no time");
    }
    learnNames(e);
    switch (type) {
      case "server.start" -> {
        String node = e.getOrDefault("node", "");
        nodesSeen.add(node);
        if (node.equals(compromise.node())) {
          closeNodeRun(time);
          nodeStartedAt = time;
        }
      }
      case "server.stop" -> {
        if (e.getOrDefault("node", "").equals(compromise.node())) {
          closeNodeRun(time);
        }
      }
      case "login.success", "sftp.login" -> {
        if (exposedServerAt(time)) {
          String name = e.getOrDefault("accountName", e.getOrDefault("actorName", ""));
          if (!name.isEmpty()) {
            loggedInWhileExposed.add(name);
          }
        }
      }
      case "envelope.upload" -> {
        Env env = env(e);
        env.uploadedAt = time;
        env.expiresAt = time(e, "expiresAt");
        env.sender = e.getOrDefault("actorName", e.get("sender"));
        env.clearIngress = "clear".equals(e.get("ingress"));
        for (String r : words(e.get("recipients"))) {
          env.recipients.putIfAbsent(r, time);
        }
      }
      case "envelope.rewrap" -> {
        Env env = env(e);
        for (String r : words(e.get("added"))) {
          env.recipients.putIfAbsent(r, time);
        }
        String actor = compromisedActor(e);
        if (actor != null && window.contains(time)) {
          env.add(
              "rewrap:" + actor,
              Exposure.READABLE,
              "re-wrapped by compromised account "
                  + actor
                  + " at "
                  + time
                  + " (that takes the file key)");
        }
      }
      case "envelope.recipient.remove" -> {
        Env env = env(e);
        String account = e.get("account");
        if (account != null) {
          env.removed.putIfAbsent(account, time);
        }
      }
      case "envelope.withdraw", "envelope.purge" -> {
        Env env = env(e);
        if (env.goneAt == null) {
          env.goneAt = time;
        }
      }
      case "envelope.download" -> download(e, time);
      case "link.create" -> {
        String id = e.get("link");
        String envelope = e.get("envelope");
        if (id != null && envelope != null) {
          Link l = new Link(envelope, time);
          l.expiresAt = time(e, "expiresAt");
          String max = e.get("maxDownloads");
          if (max != null && !max.isEmpty()) {
            try {
              l.maxDownloads = Long.parseLong(max);
            } catch (NumberFormatException x) {
              throw new IncidentException("entry " + entries + ": maxDownloads is not a number");
            }
          }
          links.put(id, l);
          String actor = compromisedActor(e);
          if (actor != null && window.contains(time)) {
            env(e)
                .add(
                    "linkcreate:" + actor,
                    Exposure.READABLE,
                    "share link "
                        + id
                        + " made by compromised account "
                        + actor
                        + " at "
                        + time
                        + " (that takes the file key)");
          }
        }
      }
      case "link.revoke" -> {
        Link l = links.get(e.getOrDefault("link", ""));
        if (l != null && l.revokedAt == null) {
          l.revokedAt = time;
        }
      }
      default -> {}
    }
  }

  private void download(Map<String, String> e, Instant time) throws IncidentException {
    Env env = env(e);
    String linkId = e.get("link");
    if (linkId != null) {
      Link l = links.get(linkId);
      if (l != null && time.isBefore(window.from())) {
        l.downloadsBeforeWindow++;
      }
    }
    if (!window.contains(time)) {
      return;
    }
    String actor = compromisedActor(e);
    if (actor != null) {
      env.add(
          "account:" + actor,
          Exposure.READABLE,
          "downloaded by compromised account " + actor + " (first at " + time + ")");
    }
    if (linkId != null && compromise.links().contains(linkId)) {
      env.add(
          "link:" + linkId,
          Exposure.READABLE,
          "downloaded through leaked share link " + linkId + " (first at " + time + ")");
    }
  }

  /**
   * The assessment of everything read so far.
   *
   * @throws IncidentException if the compromised node never started according to the log
   */
  public Assessment finish() throws IncidentException {
    List<String> notes = new ArrayList<>();
    List<Instant[]> runs = nodeRuns();
    if (compromise.node() != null && !nodesSeen.contains(compromise.node())) {
      throw new IncidentException(
          "node '"
              + compromise.node()
              + "' has no server.start entry in the log; nodes seen: "
              + (nodesSeen.isEmpty() ? "none" : String.join(", ", nodesSeen)));
    }
    // Names given as ids match recipients directly, even for an account the log never named.
    Set<String> compromisedIds = new TreeSet<>(compromise.accounts());
    for (Map.Entry<String, String> a : accountNames.entrySet()) {
      if (compromise.accounts().contains(a.getKey())
          || compromise.accounts().contains(a.getValue())) {
        compromisedIds.add(a.getKey());
      }
    }
    long stored = 0;
    long noUpload = 0;
    for (Env env : envelopes.values()) {
      Instant up = env.uploadedAt;
      if (up == null) {
        noUpload++;
        continue;
      }
      Instant availableUntil = earliest(env.goneAt, env.expiresAt);
      if (window.overlaps(up, env.goneAt)) {
        stored++;
      }
      for (String id : compromisedIds) {
        Instant since = env.recipients.get(id);
        if (since == null) {
          continue;
        }
        accountsSeen.add(id);
        String name = accountNames.getOrDefault(id, id);
        Instant until = earliest(availableUntil, env.removed.get(id));
        if (window.overlaps(since, until) && !env.reasons.containsKey("account:" + name)) {
          env.add(
              "addressed:" + name,
              Exposure.READABLE,
              "addressed to compromised account "
                  + name
                  + " and could be downloaded in the"
                  + " window (available from "
                  + since
                  + (until == null ? "" : " to " + until)
                  + "); no download by it is logged");
        }
      }
      serverSide(env, up, runs);
    }
    for (String a : compromise.accounts()) {
      if (!accountsSeen.contains(a)) {
        notes.add(
            "Account '"
                + a
                + "' does not appear in the audit log: check the name (nothing was"
                + " found for it).");
      }
    }
    for (String id : compromise.links()) {
      Link l = links.get(id);
      if (l == null) {
        notes.add(
            "Share link '" + id + "' has no link.create entry in the audit log: check the id.");
        continue;
      }
      Env env = envelopes.get(l.envelope);
      Instant until = earliest(l.expiresAt, l.revokedAt);
      if (env != null) {
        until = earliest(until, earliest(env.goneAt, env.expiresAt));
      }
      boolean exhausted = l.maxDownloads >= 0 && l.downloadsBeforeWindow >= l.maxDownloads;
      if (env != null && exhausted) {
        notes.add(
            "Share link '"
                + id
                + "' had reached its download limit before the window: not"
                + " usable then.");
      } else if (env != null
          && window.overlaps(l.createdAt, until)
          && !env.reasons.containsKey("link:" + id)) {
        env.add(
            "linkusable:" + id,
            Exposure.READABLE,
            "could be downloaded through leaked share link "
                + id
                + " (usable from "
                + l.createdAt
                + (until == null ? "" : " to " + until)
                + ")");
      }
    }
    if (noUpload > 0) {
      notes.add(
          noUpload
              + " envelope(s) appear in the log without an upload entry (uploaded before the"
              + " log's first entry?): only the events logged for them are assessed.");
    }
    if (compromise.node() != null) {
      notes.add(
          "Audit entries do not name the node that handled a request: every envelope stored, and"
              + " every clear SFTP upload, while node '"
              + compromise.node()
              + "' ran in the"
              + " window is listed, whichever node received it.");
      if (runs.isEmpty()) {
        notes.add("Node '" + compromise.node() + "' did not run during the window.");
      }
    }
    if (compromise.serverSide() && !loggedInWhileExposed.isEmpty()) {
      notes.add(
          "Accounts that logged in while the running server was exposed (their passwords or"
              + " session tokens passed through it; their private keys did not): "
              + String.join(", ", loggedInWhileExposed)
              + ". Reset their passwords and tokens; if their keys may be exposed too, assess"
              + " them again as compromised accounts (--account).");
    }
    if (compromise.serverStolen()) {
      notes.add(
          "The database holds password hashes (argon2id) and second-factor secrets: reset"
              + " passwords and second factors, revoke API tokens.");
    }
    List<ExposedEnvelope> out = new ArrayList<>();
    for (Env env : envelopes.values()) {
      if (env.reasons.isEmpty()) {
        continue;
      }
      List<Reason> rs = new ArrayList<>(env.reasons.values());
      rs.sort(Comparator.comparing(Reason::exposure).reversed());
      out.add(
          new ExposedEnvelope(
              env.id,
              rs.get(0).exposure(),
              rs.stream().map(Reason::text).toList(),
              env.uploadedAt,
              env.goneAt,
              env.expiresAt,
              env.sender,
              env.clearIngress));
    }
    out.sort(
        Comparator.comparing(ExposedEnvelope::exposure)
            .reversed()
            .thenComparing(ExposedEnvelope::id));
    return new Assessment(window, compromise, out, notes, entries, stored);
  }

  private void serverSide(Env env, Instant up, List<Instant[]> runs) {
    if (compromise.serverStolen() && window.overlaps(up, env.goneAt)) {
      env.add(
          "stored",
          Exposure.CIPHERTEXT,
          "stored on the server during the window: age ciphertext, whose file key is only in"
              + " the recipients' private keys, never on the server");
      if (env.clearIngress && window.contains(up)) {
        env.add(
            "transit",
            Exposure.READABLE_IN_TRANSIT,
            "arrived in clear through the SFTP gateway at "
                + up
                + " and was encrypted on"
                + " arrival: readable in transit if the running server was compromised");
      }
    }
    String node = compromise.node();
    if (node == null) {
      return;
    }
    for (Instant[] run : runs) {
      Window w = new Window(run[0], run[1]);
      if (w.overlaps(up, env.goneAt)) {
        env.add(
            "node-stored",
            Exposure.CIPHERTEXT,
            "stored while node "
                + node
                + " was compromised (it reads the storage and"
                + " database): age ciphertext, no key on the server");
      }
      if (env.clearIngress && w.contains(up)) {
        env.add(
            "node-transit",
            Exposure.READABLE_IN_TRANSIT,
            "arrived in clear through the SFTP gateway at "
                + up
                + " while node "
                + node
                + " was compromised: readable in transit if that node received it");
      }
    }
  }

  /** The node's runs cut to the window. */
  private List<Instant[]> nodeRuns() {
    List<Instant[]> all = new ArrayList<>(nodeRuns);
    Instant open = nodeStartedAt;
    if (open != null) {
      all.add(new Instant[] {open, window.to()});
    }
    List<Instant[]> cut = new ArrayList<>();
    for (Instant[] r : all) {
      Instant s = r[0].isBefore(window.from()) ? window.from() : r[0];
      Instant t = r[1].isAfter(window.to()) ? window.to() : r[1];
      if (s.isBefore(t)) {
        cut.add(new Instant[] {s, t});
      }
    }
    return cut;
  }

  private void closeNodeRun(Instant time) {
    Instant open = nodeStartedAt;
    if (open != null) {
      nodeRuns.add(new Instant[] {open, time});
      nodeStartedAt = null;
    }
  }

  private boolean exposedServerAt(Instant t) {
    if (!window.contains(t)) {
      return false;
    }
    if (compromise.serverStolen()) {
      return false; // a copy of the data at rest sees no login
    }
    if (compromise.node() == null) {
      return false;
    }
    if (nodeStartedAt != null) {
      return true;
    }
    return false;
  }

  private @Nullable String compromisedActor(Map<String, String> e) {
    String id = e.get("actor");
    String name = e.get("actorName");
    if (name != null && compromise.accounts().contains(name)) {
      return name;
    }
    if (id != null && compromise.accounts().contains(id)) {
      return name != null ? name : id;
    }
    return null;
  }

  private void learnNames(Map<String, String> e) {
    learn(e.get("actor"), e.get("actorName"));
    learn(e.get("account"), e.get("accountName"));
  }

  private void learn(@Nullable String id, @Nullable String name) {
    if (id == null || name == null) {
      return;
    }
    accountNames.putIfAbsent(id, name);
    if (compromise.accounts().contains(id)) {
      accountsSeen.add(id);
    }
    if (compromise.accounts().contains(name)) {
      accountsSeen.add(name);
    }
  }

  private Env env(Map<String, String> e) throws IncidentException {
    String id = e.get("envelope");
    if (id == null || id.isEmpty()) {
      throw new IncidentException("entry " + entries + " (" + e.get("type") + "): no envelope");
    }
    return envelopes.computeIfAbsent(id, Env::new);
  }

  private @Nullable Instant time(Map<String, String> e, String key) throws IncidentException {
    String t = e.get(key);
    if (t == null || t.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException x) {
      throw new IncidentException("entry " + entries + ": " + key + " is not an ISO-8601 time");
    }
  }

  private static List<String> words(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return List.of(s.strip().split("\\s+"));
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }
}
