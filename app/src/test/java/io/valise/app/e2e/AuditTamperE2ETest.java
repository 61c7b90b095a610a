package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.core.id.KeyId;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.ValiseServer;
import io.valise.store.sql.SqlStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, "Tests": whoever can write to the server's database (a stolen database password, a
 * careless restore, a rogue operator) cannot change the audit log without the clients noticing.
 * Each case builds a log with real actions, lets a client store a checkpoint, tampers with the
 * database directly over JDBC (the server running, or stopped and started again on a copy), and
 * checks that the client, and {@code valise audit verify --full}, name the exact index or the two
 * checkpoints. Runs on SQLite and on PostgreSQL.
 */
class AuditTamperE2ETest extends E2eServer {
  /** Copies of the database made by {@link #copyDatabase} (PostgreSQL schemas), dropped after. */
  private final List<String> copies = new ArrayList<>();

  private int copied;

  @AfterEach
  void dropCopies() throws Exception {
    // The server may run on a copy: stop it before dropping anything it uses.
    ValiseServer s = server;
    if (s != null) {
      s.close();
      server = null;
    }
    Database db = database;
    if (db != null) {
      for (String u : copies) {
        db.drop(u);
      }
    }
  }

  // ---------------------------------------------------------------- the cases

  @Test
  void aChangedEntryIsNamedByFullVerifyAndByTheEnvelopeHistory() throws Exception {
    Log log = buildLog();
    long index = uploadIndex(log.envelopes.get(2));
    byte[] before = entry(index);
    String text = new String(before, StandardCharsets.UTF_8);
    // The server claims other ciphertext was uploaded: same length, still a valid entry.
    String forged =
        text.replaceFirst("\"payloadSha256\":\"[0-9a-f]", "\"payloadSha256\":\"" + other(text));
    assertNotEquals(text, forged);
    assertEquals(1, update("UPDATE audit_entry SET entry = ? WHERE seq = ?", bytes(forged), index));

    assertFirstBad(log, index);
    Run show = log.alice.run("audit", "show", log.envelopes.get(2));
    assertEquals(3, show.code(), show.toString());
    assertTrue(
        show.err().contains("the server's proof that entry " + index + " is in the log"),
        show.toString());
    assertTrue(show.err().contains("does not verify"), show.toString());
    // An envelope whose entries were not touched still shows.
    log.alice.ok("audit", "show", log.envelopes.get(0));
    // The export checks the whole log first and writes nothing from a log that does not verify.
    Path out = files(log.root).resolve("audit.jsonl");
    Run export = log.root.run("audit", "export", "-o", out.toString());
    assertEquals(3, export.code(), export.toString());
    assertTrue(export.err().contains("do not match its checkpoint"), export.toString());
    assertFalse(Files.exists(out), "nothing exported");
  }

  @Test
  void aChangedEntryWithItsLeafHashRewrittenIsNamed() throws Exception {
    Log log = buildLog();
    // The search proves prefixes with the server's consistency proofs. With the stored leaf hash
    // rewritten too, the proof for the prefix ending just before an odd index needs that very
    // leaf, so the search can only narrow the change to that index or the one before; an even
    // index (alice's uploads are consecutive: one of two neighbours is even) keeps it exact.
    String envelope = log.envelopes.get(5);
    if (uploadIndex(envelope) % 2 == 1) {
      envelope = log.envelopes.get(4);
    }
    long index = uploadIndex(envelope);
    assertEquals(0, index % 2, "index " + index);
    String text = new String(entry(index), StandardCharsets.UTF_8);
    String forged =
        text.replaceFirst("\"payloadSha256\":\"[0-9a-f]", "\"payloadSha256\":\"" + other(text));
    // A careful forger also rewrites the stored leaf hash, so the server's proofs agree with the
    // forged entry; only the signed checkpoint (whose key is not in the database) still differs.
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 0);
    byte[] leaf = sha.digest(bytes(forged));
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      assertEquals(
          1, update(c, "UPDATE audit_entry SET entry = ? WHERE seq = ?", bytes(forged), index));
      assertEquals(
          1, update(c, "UPDATE audit_node SET hash = ? WHERE level = 0 AND idx = ?", leaf, index));
      c.commit();
    }

    assertFirstBad(log, index);
    Run show = log.alice.run("audit", "show", envelope);
    assertEquals(3, show.code(), show.toString());
    assertTrue(
        show.err().contains("the server's proof that entry " + index + " is in the log"),
        show.toString());
  }

  @Test
  void aDeletedEntryIsNamedAsMissing() throws Exception {
    Log log = buildLog();
    long index = uploadIndex(log.envelopes.get(3));
    assertEquals(1, update("DELETE FROM audit_entry WHERE seq = ?", index));

    Run r = assertFirstBad(log, index);
    assertTrue(
        r.err().contains("entries " + index + ".." + (log.size - 1) + " missing"), r.toString());
  }

  @Test
  void aDeletedEntryWithTheLaterOnesRenumberedIsNamed() throws Exception {
    Log log = buildLog();
    long index = uploadIndex(log.envelopes.get(3));
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      assertEquals(1, update(c, "DELETE FROM audit_entry WHERE seq = ?", index));
      // Through negative numbers, as seq is unique and rows are updated in no fixed order.
      update(c, "UPDATE audit_entry SET seq = -seq WHERE seq > ?", index);
      update(c, "UPDATE audit_entry SET seq = -seq - 1 WHERE seq < 0");
      c.commit();
    }
    assertEquals(log.size - 1, count("SELECT COUNT(*) FROM audit_entry"));
    assertEquals(log.size - 2, count("SELECT MAX(seq) FROM audit_entry"));

    // The entries route serves size - 1 entries with no gap: the hole is at the end, but the
    // entries before it do not link to the checkpoint, so the search names the deleted index.
    Run r = assertFirstBad(log, index);
    long hole = log.size - 1;
    assertTrue(
        r.err().contains("entries " + hole + " missing: the server served none from " + hole),
        r.toString());
    assertTrue(
        r.err().contains("(size " + hole + "), which the server's consistency proof does not link"),
        r.toString());
  }

  @Test
  void twoSwappedEntriesAreNamedByTheLowerIndex() throws Exception {
    Log log = buildLog();
    long low = uploadIndex(log.envelopes.get(1));
    long high = uploadIndex(log.envelopes.get(4));
    assertTrue(low < high);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      assertEquals(1, update(c, "UPDATE audit_entry SET seq = ? WHERE seq = ?", -1L, low));
      assertEquals(1, update(c, "UPDATE audit_entry SET seq = ? WHERE seq = ?", low, high));
      assertEquals(1, update(c, "UPDATE audit_entry SET seq = ? WHERE seq = ?", high, -1L));
      c.commit();
    }

    assertFirstBad(log, low);
    // Both envelopes' histories now point at entries the tree does not hold there.
    Run show = log.alice.run("audit", "show", log.envelopes.get(1));
    assertEquals(3, show.code(), show.toString());
    assertTrue(show.err().contains("entry " + high + " is in the log"), show.toString());
  }

  @Test
  void anInsertedEntryIsNamed() throws Exception {
    Log log = buildLog();
    long index = uploadIndex(log.envelopes.get(2));
    KeyId fake = KeyId.random(random);
    String forged =
        "{\"account\":\"x\",\"accountName\":\"bob\",\"key\":\""
            + fake.text()
            + "\",\"kind\":\"X25519\",\"recipient\":\"age1forged\","
            + "\"time\":\"2026-01-01T00:00:00.000Z\",\"type\":\"key.publish\",\"v\":1,"
            + "\"via\":\"session\"}";
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      update(c, "UPDATE audit_entry SET seq = -seq - 1 WHERE seq >= ?", index);
      update(c, "UPDATE audit_entry SET seq = -seq WHERE seq < 0");
      assertEquals(
          1,
          update(
              c,
              "INSERT INTO audit_entry (seq, subject, entry) VALUES (?, ?, ?)",
              index,
              fake.text(),
              bytes(forged)));
      c.commit();
    }
    assertEquals(log.size + 1, count("SELECT COUNT(*) FROM audit_entry"));

    assertFirstBad(log, index);
  }

  @Test
  void aRollbackIsRefusedByTheNextCommandNamingBothCheckpoints() throws Exception {
    Log log = buildLog();
    String old = snapshot();
    // The log grows past the copy, and alice sees it grow.
    for (int i = 0; i < 4; i++) {
      log.envelopes.add(send(log.alice, "after" + i, "bob"));
    }
    long seen = settle();
    log.alice.ok("audit", "verify");
    assertEquals(seen, settle());
    String seenAt = describe(seen);
    assertEquals(seen, stored(log.alice));
    long envelopes = count("SELECT COUNT(*) FROM envelope");

    restartOn(old);
    long now = settle();
    assertTrue(now < seen, now + " < " + seen);
    String nowAt = describe(now);
    assertEquals(envelopes - 4, count("SELECT COUNT(*) FROM envelope"));

    Path f = files(log.alice).resolve("late.txt");
    Files.writeString(f, "late");
    Run send = log.alice.run("send", f.toString(), "--to", "bob");
    assertRolledBack(send, nowAt, seenAt);
    assertEquals(envelopes - 4, count("SELECT COUNT(*) FROM envelope"), "nothing was sent");
    assertRolledBack(log.alice.run("audit", "verify"), nowAt, seenAt);
    // The administrator last looked before the copy: to it the old log is a fine log. A client
    // detects a rollback only against what it stored itself.
    Run root = log.root.ok("audit", "verify", "--full");
    assertTrue(root.out().contains("verified: " + nowAt), root.toString());
    // What alice stored does not go backwards.
    assertEquals(seen, stored(log.alice));
  }

  @Test
  void aForkIsSeenByTheClientThatSawTheOtherBranch() throws Exception {
    Log log = buildLog();
    Person carol = person("carol");
    String fork2 = snapshot();
    // Fork 1 (the database the server runs on): alice sends and verifies.
    for (int i = 0; i < 3; i++) {
      log.envelopes.add(send(log.alice, "fork1-" + i, "bob"));
    }
    long size1 = settle();
    log.alice.ok("audit", "verify");
    assertEquals(size1, settle());
    String at1 = describe(size1);
    assertEquals(size1, stored(log.alice));

    // Fork 2: the copy made before. carol, who never looked at the log before, logs in there;
    // bob sends other files until fork 2 is at least as long as fork 1.
    restartOn(fork2);
    login(carol);
    settle();
    carol.ok("audit", "verify");
    long size2 = settle();
    for (int i = 0; size2 < size1 || i < 2; i++) {
      send(log.bob, "fork2-" + i, "alice");
      size2 = settle();
    }
    String at2 = describe(size2);
    assertNotEquals(at1, at2);

    // To carol fork 2 is a consistent log, and no witness is configured (none is needed for this
    // test), so nothing tells her of fork 1. That is what witnesses are for: a witness that
    // cosigned fork 1 would not cosign fork 2.
    assertFalse(Files.exists(carol.home.resolve("witnesses")));
    Run fine = carol.ok("audit", "verify");
    assertTrue(fine.out().contains("verified: " + at2), fine.toString());
    assertEquals(size2, stored(carol));

    // alice saw fork 1: whatever she does next with the log, it is refused.
    Run verify = log.alice.run("audit", "verify");
    assertEquals(3, verify.code(), verify.toString());
    assertTrue(verify.err().contains("rewrote or forked history"), verify.toString());
    assertTrue(verify.err().contains(at1), verify + "\nexpected " + at1);
    assertTrue(verify.err().contains(at2), verify + "\nexpected " + at2);
    Path f = files(log.alice).resolve("x.txt");
    Files.writeString(f, "x");
    long envelopes = count("SELECT COUNT(*) FROM envelope");
    Run send = log.alice.run("send", f.toString(), "--to", "bob");
    assertEquals(3, send.code(), send.toString());
    assertTrue(send.err().contains("rewrote or forked history"), send.toString());
    assertEquals(envelopes, count("SELECT COUNT(*) FROM envelope"), "nothing was sent");
    assertEquals(size1, stored(log.alice));
  }

  @Test
  void aSubstitutedRecipientKeyIsRefusedBySend() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    String mallory = foreignRecipient(alice);
    String bobId = text("SELECT id FROM account WHERE name = ?", "bob");
    assertEquals(
        1,
        update(
            "UPDATE published_key SET recipient = ? WHERE account_id = ? AND revoked_at IS NULL",
            mallory,
            bobId));

    assertKeyRefused(alice, bob, mallory, "is not the expected one: \"recipient\"");
  }

  @Test
  void anUnloggedKeyAddedForTheRecipientIsRefusedBySend() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    String mallory = foreignRecipient(alice);
    String bobId = text("SELECT id FROM account WHERE name = ?", "bob");
    assertEquals(
        1,
        update(
            "INSERT INTO published_key (id, account_id, recipient, kind, published_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            KeyId.random(random).text(),
            bobId,
            mallory,
            "X25519",
            System.currentTimeMillis()));

    assertKeyRefused(alice, bob, mallory, "is not in the audit log");
  }

  @Test
  void aKeyWithAForgedEntryOutsideTheSignedTreeIsRefusedBySend() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    String mallory = foreignRecipient(alice);
    String bobId = text("SELECT id FROM account WHERE name = ?", "bob");
    long size = settle();
    KeyId key = KeyId.random(random);
    // The key row and a key.publish entry that looks right, given the next index, with the head
    // moved over it, but never hashed into the tree or signed: the database claims one entry more
    // than any checkpoint.
    String forged =
        "{\"account\":\""
            + bobId
            + "\",\"accountName\":\"bob\",\"actor\":\""
            + bobId
            + "\",\"actorName\":\"bob\",\"from\":\"127.0.0.1\",\"key\":\""
            + key.text()
            + "\",\"kind\":\"X25519\",\"recipient\":\""
            + mallory
            + "\",\"time\":\"2026-11-25T12:00:00.000Z\",\"type\":\"key.publish\",\"v\":1,"
            + "\"via\":\"session\"}";
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      update(
          c,
          "INSERT INTO published_key (id, account_id, recipient, kind, published_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          key.text(),
          bobId,
          mallory,
          "X25519",
          System.currentTimeMillis());
      update(
          c,
          "INSERT INTO audit_entry (seq, subject, entry) VALUES (?, ?, ?)",
          size,
          key.text(),
          bytes(forged));
      update(c, "UPDATE audit_head SET size = size + 1 WHERE id = 1");
      c.commit();
    }

    assertKeyRefused(
        alice, bob, mallory, "index " + size + " is not below the log's verified size " + size);
  }

  // ---------------------------------------------------------------- building the log

  /** The people of a log built by {@link #buildLog}, the envelopes sent, and the settled size. */
  private record Log(Person root, Person alice, Person bob, List<String> envelopes, long size) {}

  /**
   * An administrator, alice and bob with keys, ten files sent by alice and six by bob, and the
   * administrator's checkpoint of the whole log stored. Returns when every entry is sequenced and
   * signed.
   */
  private Log buildLog() throws Exception {
    Person root = person("root", true);
    login(root);
    Person alice = ready("alice");
    Person bob = ready("bob");
    List<String> envelopes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      envelopes.add(send(alice, "a" + i, "bob"));
    }
    for (int i = 0; i < 6; i++) {
      send(bob, "b" + i, "alice");
    }
    long size = settle();
    assertTrue(size >= 18, "log size " + size);
    Run verify = root.ok("audit", "verify", "--full");
    assertTrue(verify.out().contains("verified: " + describe(size)), verify.toString());
    assertEquals(size, stored(root));
    alice.ok("audit", "verify");
    assertEquals(size, settle(), "looking at the log adds nothing to it");
    return new Log(root, alice, bob, envelopes, size);
  }

  private String send(Person from, String name, String to) throws Exception {
    Path f = files(from).resolve(name + ".txt");
    Files.writeString(f, "content of " + name);
    String id = from.ok("send", f.toString(), "--to", to).out().strip();
    assertTrue(id.matches("[a-z2-7]{26}"), id);
    return id;
  }

  /** The index of the upload entry of an envelope, read from the database. */
  private long uploadIndex(String envelope) throws Exception {
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT seq, entry FROM audit_entry WHERE subject = ? AND seq IS NOT NULL"
                    + " ORDER BY seq")) {
      p.setString(1, envelope);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String e = new String(r.getBytes(2), StandardCharsets.UTF_8);
          if (e.contains("\"type\":\"envelope.upload\"")) {
            return r.getLong(1);
          }
        }
      }
    }
    throw new AssertionError("no upload entry of " + envelope);
  }

  /** A recipient nobody published: what a server substituting keys would hand out. */
  private String foreignRecipient(Person p) throws Exception {
    Path key = files(p).resolve("mallory.key");
    p.ok("keygen", "-o", key.toString());
    for (String line : Files.readAllLines(key)) {
      if (line.startsWith("# public key: ")) {
        return line.substring("# public key: ".length()).strip();
      }
    }
    throw new AssertionError("no public key in " + Files.readString(key));
  }

  // ---------------------------------------------------------------- assertions

  /**
   * {@code valise audit verify --full} by the administrator, whose stored checkpoint is the whole
   * log before the tampering, exits 3 naming the first bad index.
   */
  private Run assertFirstBad(Log log, long index) throws Exception {
    Run r = log.root.run("audit", "verify", "--full");
    assertEquals(3, r.code(), r.toString());
    assertTrue(
        r.err().contains("the log's entries do not match its checkpoint (" + describe(log.size)),
        r.toString());
    assertTrue(r.err().contains("first bad entry: index " + index + "\n"), r.toString());
    // Without --full the checkpoints alone are fine: the tree's hashes were not touched.
    log.root.ok("audit", "verify");
    return r;
  }

  private static void assertRolledBack(Run r, String now, String seen) {
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("rolled its log back"), r.toString());
    assertTrue(r.err().contains("the server's latest checkpoint (" + now), r + "\nexpected " + now);
    assertTrue(
        r.err().contains("smaller than the one you saw before (" + seen + ")"),
        r + "\nexpected " + seen);
  }

  private void assertKeyRefused(Person alice, Person bob, String mallory, String why)
      throws Exception {
    Path f = files(alice).resolve("secret.txt");
    Files.writeString(f, "for bob only");
    Run send = alice.run("send", f.toString(), "--to", "bob");
    assertEquals(3, send.code(), send.toString());
    String abbreviated = mallory.substring(0, 12);
    assertTrue(send.err().contains(" of bob"), send.toString());
    assertTrue(send.err().contains(abbreviated), send.toString());
    assertTrue(send.err().contains(why), send.toString());
    assertTrue(send.err().contains("substituting keys"), send.toString());
    assertEquals("", send.out(), "no envelope id printed");
    assertEquals(0, count("SELECT COUNT(*) FROM envelope"), "no envelope created");
    assertFalse(alice.ok("outbox").out().contains("secret"), "nothing in the outbox");
    assertEquals(0, bob.ok("inbox", "--json").out().replaceAll("\\s", "").length() - 2);
  }

  // ---------------------------------------------------------------- the client's state

  /** The size of the checkpoint {@code p} stored for this server. */
  private long stored(Person p) throws Exception {
    String json = Files.readString(p.home.resolve("checkpoints.json"));
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    var note = root.findValue(serverUrl());
    if (note == null) {
      throw new AssertionError("no checkpoint of " + serverUrl() + " in " + json);
    }
    return Long.parseLong(note.asText().lines().toList().get(1));
  }

  // ---------------------------------------------------------------- the database

  private ServerConfig cfg() {
    ServerConfig c = config;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return c;
  }

  private Connection connect() throws SQLException {
    String u = cfg().database();
    if (u.startsWith("jdbc:sqlite:")) {
      Properties p = new Properties();
      p.setProperty("busy_timeout", "10000");
      return DriverManager.getConnection(u, p);
    }
    return DriverManager.getConnection(u);
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Connection c = connect()) {
      return update(c, sql, args);
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      return p.executeUpdate();
    }
  }

  private long count(String sql, Object... args) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next(), sql);
        return r.getLong(1);
      }
    }
  }

  private String text(String sql, Object... args) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next(), sql);
        return r.getString(1);
      }
    }
  }

  private byte[] entry(long seq) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT entry FROM audit_entry WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next(), "entry " + seq);
        return r.getBytes(1);
      }
    }
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A hex digit other than the first of the payload hash in {@code entry}. */
  private static String other(String entry) {
    int at = entry.indexOf("\"payloadSha256\":\"") + "\"payloadSha256\":\"".length();
    return entry.charAt(at) == '0' ? "1" : "0";
  }

  /**
   * Waits until every entry is sequenced and the latest checkpoint covers the whole tree, and the
   * size stayed so for a moment; returns the size.
   */
  private long settle() throws Exception {
    long last = -1;
    int stable = 0;
    for (int i = 0; i < 300; i++) {
      // Pending: without seq (PostgreSQL) or numbered at append but not under the head (SQLite).
      long pending =
          count(
              "SELECT COUNT(*) FROM audit_entry WHERE seq IS NULL"
                  + " OR seq >= (SELECT size FROM audit_head WHERE id = 1)");
      long head = count("SELECT size FROM audit_head WHERE id = 1");
      long signed = count("SELECT COALESCE(MAX(size), 0) FROM audit_checkpoint");
      if (pending == 0 && head == signed) {
        stable = head == last ? stable + 1 : 0;
        last = head;
        if (stable >= 2) {
          return head;
        }
      } else {
        stable = 0;
        last = -1;
      }
      Thread.sleep(100);
    }
    return fail("the audit log did not settle");
  }

  /** {@code size N, root HEX} of the stored checkpoint of size N, as the client writes it. */
  private String describe(long size) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement("SELECT note FROM audit_checkpoint WHERE size = ?")) {
      p.setLong(1, size);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next(), "checkpoint " + size);
        String[] lines =
            new String(r.getBytes(1), StandardCharsets.UTF_8).lines().toArray(String[]::new);
        assertEquals(Long.toString(size), lines[1]);
        return "size "
            + size
            + ", root "
            + HexFormat.of().formatHex(Base64.getDecoder().decode(lines[2]));
      }
    }
  }

  // ---------------------------------------------------------------- copies of the database

  /**
   * Stops the server (it logs {@code server.stop} and gives its leases up), copies its database,
   * and starts it again on the same port; returns the copy's JDBC URL.
   */
  private String snapshot() throws Exception {
    String current = cfg().database();
    int port = stop();
    String copy = copyDatabase(current);
    start(current, port);
    return copy;
  }

  /** Stops the server and starts it on the same port and data directory on {@code jdbcUrl}. */
  private void restartOn(String jdbcUrl) throws Exception {
    start(jdbcUrl, stop());
  }

  private int stop() {
    ValiseServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    int port = s.port();
    server = null;
    s.close();
    return port;
  }

  private void start(String jdbcUrl, int port) throws Exception {
    ServerConfig c = cfg().withDatabase(jdbcUrl, null, null).withListen("127.0.0.1:" + port);
    config = c;
    server = ValiseServer.start(c, Clock.systemUTC(), random, System.err);
  }

  /**
   * A copy of the stopped server's database. SQLite: {@code VACUUM INTO} a new file. PostgreSQL: a
   * fresh schema, migrated by the store itself (so it has every constraint and identity column),
   * then every table's rows copied in the order the tables were created.
   */
  private String copyDatabase(String from) throws Exception {
    Database db = database;
    if (db == null) {
      throw new IllegalStateException("no database parameter");
    }
    if (db == Database.SQLITE) {
      Path file = dir().resolve("server").resolve("copy-" + ++copied + ".db");
      try (Connection c = DriverManager.getConnection(from);
          PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
        p.setString(1, file.toString());
        p.execute();
      }
      return "jdbc:sqlite:" + file;
    }
    String to = db.create(dir());
    if (to == null) {
      throw new IllegalStateException("no PostgreSQL URL");
    }
    copies.add(to);
    SqlStore.open(to, null, null, Clock.systemUTC()).close();
    String source = schema(from);
    String target = schema(to);
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(from)) {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY c.oid")) {
        p.setString(1, source);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String t = r.getString(1);
            if (!t.matches("[a-z_][a-z0-9_]*")) {
              throw new IllegalStateException("unexpected table name " + t);
            }
            if (!t.equals("flyway_schema_history")) {
              tables.add(t);
            }
          }
        }
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Identifiers only, from the catalogue and checked above; no values are built into SQL.
        for (String t : tables.reversed()) {
          s.execute("DELETE FROM " + target + "." + t);
        }
        for (String t : tables) {
          s.execute(
              "INSERT INTO "
                  + target
                  + "."
                  + t
                  + " OVERRIDING SYSTEM VALUE SELECT * FROM "
                  + source
                  + "."
                  + t);
        }
      }
      List<String[]> identities = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT table_name, column_name FROM information_schema.columns"
                  + " WHERE table_schema = ? AND is_identity = 'YES'")) {
        p.setString(1, target);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            identities.add(new String[] {r.getString(1), r.getString(2)});
          }
        }
      }
      for (String[] id : identities) {
        if (!id[0].matches("[a-z_][a-z0-9_]*") || !id[1].matches("[a-z_][a-z0-9_]*")) {
          throw new IllegalStateException("unexpected identity column " + String.join(".", id));
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX("
                    + id[1]
                    + "), 0) + 1 FROM "
                    + target
                    + "."
                    + id[0]
                    + "), false)")) {
          p.setString(1, target + "." + id[0]);
          p.setString(2, id[1]);
          p.execute();
        }
      }
      c.commit();
    }
    return to;
  }

  private static String schema(@Nullable String url) {
    if (url == null) {
      throw new IllegalStateException("no PostgreSQL URL");
    }
    String s = url.substring(url.lastIndexOf("currentSchema=") + "currentSchema=".length());
    if (!s.matches("e2e_[0-9a-f]{16}")) {
      throw new IllegalStateException("not a test schema: " + s);
    }
    return s;
  }
}
