package io.valise.server.wiring;

import io.valise.age.secret.Passphrase;
import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.PasswordPolicy;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.group.Group;
import io.valise.core.id.AccountId;
import io.valise.core.id.GroupId;
import io.valise.core.id.SshKeyId;
import io.valise.core.retention.RetentionReport;
import io.valise.core.sshkey.SshKey;
import io.valise.core.tx.ConflictException;
import io.valise.server.api.sshkey.SshKeyEnrolment;
import io.valise.server.audit.Audit;
import io.valise.server.config.InstallationSecrets;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.TotpVault;
import io.valise.server.retention.RetentionRoutes;
import io.valise.store.sql.SqlStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Administration directly on a data directory (or the configured database), for the first
 * administrator and for operators on the server host. Safe while the server runs: the store
 * serialises writers.
 */
public final class LocalAdmin {
  /** Account and group names; anything else cannot exist, so it is looked up as missing. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  private LocalAdmin() {}

  /**
   * Creates a person's account with an argon2id password hash.
   *
   * @throws IllegalArgumentException for a bad name, an empty password, or a name already taken
   */
  public static Account addUser(
      ServerConfig config,
      String name,
      boolean admin,
      Passphrase password,
      Clock clock,
      SecureRandom random)
      throws IOException {
    return addUser(config, name, AccountKind.PERSON, admin, password, clock, random);
  }

  /**
   * Creates an account of {@code kind} (a person, or a system such as a lab's batch job) with an
   * argon2id password hash.
   *
   * @throws IllegalArgumentException for a bad name, an empty password, or a name already taken
   */
  public static Account addUser(
      ServerConfig config,
      String name,
      AccountKind kind,
      boolean admin,
      Passphrase password,
      Clock clock,
      SecureRandom random)
      throws IOException {
    Account.checkName(name);
    if (password.length() == 0) {
      throw new IllegalArgumentException("The password is empty");
    }
    String hash = new PasswordHasher(PasswordPolicy.OWASP, random).hash(password);
    try (SqlStore store = Stores.metadata(config, clock)) {
      Account a =
          Account.create(AccountId.random(random), name, kind, admin, hash, clock.instant());
      try {
        store
            .transactions()
            .inTransaction(
                () -> {
                  store.accounts().create(a);
                  return audit(store, clock, "account.create")
                      .put("account", a.id().text())
                      .put("accountName", a.name())
                      .put("admin", a.admin())
                      .put("kind", a.kind().name())
                      .append();
                });
      } catch (ConflictException e) {
        throw new IllegalArgumentException(
            "The name " + name + " is already an account or a group", e);
      }
      return a;
    }
  }

  /**
   * Enrols a new TOTP secret for an account (replacing any earlier one), stored sealed under the
   * server key.
   *
   * @return the otpauth:// URI to show once, as text or a QR code
   * @throws IllegalArgumentException if there is no such account
   */
  public static String enrolTotp(ServerConfig config, String name, Clock clock, SecureRandom random)
      throws IOException {
    Account.checkName(name);
    TotpVault vault;
    try (var key = InstallationSecrets.load(config.dataDir(), random).key()) {
      vault = new TotpVault(key, random);
    }
    try (SqlStore store = Stores.metadata(config, clock);
        TotpSecret secret = TotpSecret.generate(random)) {
      Account a =
          store
              .accounts()
              .findByName(name)
              .orElseThrow(() -> new IllegalArgumentException("No account named " + name));
      OpaqueBytes sealed = vault.seal(a.id(), secret);
      store
          .transactions()
          .inTransaction(
              () -> {
                store.accounts().updateTotpSecret(a.id(), sealed);
                return audit(store, clock, "account.totp")
                    .put("account", a.id().text())
                    .put("accountName", a.name())
                    .append();
              });
      return new Totp(TotpParameters.DEFAULT, clock).provisioningUri(name, secret);
    }
  }

  /**
   * What is stored, for whom, until when: every envelope still in the database (expired ones the
   * sweeper has not purged yet included) and totals per account. Reads only.
   *
   * @throws IllegalArgumentException if the configured SQLite database does not exist
   */
  public static RetentionReport retention(ServerConfig config, Clock clock) throws IOException {
    try (SqlStore store = existing(config, clock)) {
      return RetentionRoutes.report(store.retention(), clock);
    }
  }

  /** A group with its members' account names, sorted. */
  public record GroupMembers(Group group, List<String> members) {
    public GroupMembers {
      members = List.copyOf(members);
    }
  }

  /**
   * Creates an empty group. Group and account names share one namespace, enforced by the store.
   *
   * @throws IllegalArgumentException for a bad name, a name already taken by an account or a group,
   *     or a data directory without a database
   */
  public static GroupMembers addGroup(
      ServerConfig config, String name, Clock clock, SecureRandom random) throws IOException {
    Group g =
        new Group(GroupId.random(random), name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    try (SqlStore store = existing(config, clock)) {
      try {
        store
            .transactions()
            .inTransaction(
                () -> {
                  store.groups().create(g);
                  return audit(store, clock, "group.create")
                      .put("group", g.id().text())
                      .put("groupName", g.name())
                      .append();
                });
      } catch (ConflictException e) {
        throw new IllegalArgumentException(
            "The name " + name + " is already an account or a group", e);
      }
      return new GroupMembers(g, List.of());
    }
  }

  /**
   * Every group with its members, by name. Reads only.
   *
   * @throws IllegalArgumentException for a data directory without a database
   */
  public static List<GroupMembers> groups(ServerConfig config, Clock clock) throws IOException {
    try (SqlStore store = existing(config, clock)) {
      List<GroupMembers> out = new ArrayList<>();
      for (Group g : store.groups().list()) {
        out.add(describe(store, g));
      }
      return out;
    }
  }

  /**
   * One group with its members. Reads only.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  public static GroupMembers group(ServerConfig config, String name, Clock clock)
      throws IOException {
    try (SqlStore store = existing(config, clock)) {
      return describe(store, findGroup(store, name));
    }
  }

  /**
   * Deletes a group and its memberships; the accounts stay and the name becomes free.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  public static void deleteGroup(ServerConfig config, String name, Clock clock) throws IOException {
    try (SqlStore store = existing(config, clock)) {
      store
          .transactions()
          .inTransaction(
              () -> {
                Group g = findGroup(store, name);
                if (!store.groups().delete(g.id())) {
                  throw new IllegalArgumentException(noGroup(name));
                }
                return audit(store, clock, "group.delete")
                    .put("group", g.id().text())
                    .put("groupName", g.name())
                    .append();
              });
    }
  }

  /**
   * Adds ({@code add}) or removes accounts as members of a group, all in one transaction: an
   * unknown group or account changes nothing. Adding a member twice, or removing an account that is
   * not one, is not an error.
   *
   * @throws IllegalArgumentException if the group or any of the accounts does not exist
   */
  public static GroupMembers changeMembers(
      ServerConfig config, String group, List<String> accounts, boolean add, Clock clock)
      throws IOException {
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException("No account given");
    }
    try (SqlStore store = existing(config, clock)) {
      return store
          .transactions()
          .inTransaction(
              () -> {
                Group g = findGroup(store, group);
                List<Account> found = new ArrayList<>();
                List<String> unknown = new ArrayList<>();
                for (String name : accounts) {
                  Optional<Account> a =
                      NAME.matcher(name).matches()
                          ? store.accounts().findByName(name)
                          : Optional.empty();
                  a.ifPresentOrElse(found::add, () -> unknown.add(name));
                }
                if (!unknown.isEmpty()) {
                  throw new IllegalArgumentException(
                      "No account named " + String.join(", ", unknown));
                }
                for (Account a : found) {
                  // false: already (not) a member, the same outcome, and no change to record
                  if (add
                      ? store.groups().addMember(g.id(), a.id())
                      : store.groups().removeMember(g.id(), a.id())) {
                    var unused =
                        audit(store, clock, add ? "group.member.add" : "group.member.remove")
                            .put("group", g.id().text())
                            .put("groupName", g.name())
                            .put("account", a.id().text())
                            .put("accountName", a.name())
                            .append();
                  }
                }
                return describe(store, g);
              });
    }
  }

  /**
   * Registers an SSH public key for an account, so that a lab system can log in to the SFTP gateway
   * without ever signing in: the same rules and {@code sshkey.add} entry as {@code POST
   * /api/accounts/{name}/ssh-keys}.
   *
   * @param line one line of a {@code .pub} file
   * @param comment the key's name; null or blank: the comment on the line
   * @throws IllegalArgumentException naming what is wrong: no such account, a bad key or comment, a
   *     key already registered, too many keys, or a data directory without a database
   */
  public static SshKey addSshKey(
      ServerConfig config,
      String name,
      String line,
      @Nullable String comment,
      Clock clock,
      SecureRandom random)
      throws IOException {
    try (SqlStore store = existing(config, clock)) {
      Account a = findAccount(store, name);
      Audit audit = new Audit(store.audit(), clock);
      try {
        return new SshKeyEnrolment(store.sshKeys(), store.transactions(), audit, clock, random)
            .add(a, line, comment, audit.event("sshkey.add", Audit.ADMIN_CLI));
      } catch (SshKeyEnrolment.Refused e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /**
   * An account's SSH keys, oldest first. Reads only.
   *
   * @throws IllegalArgumentException for no such account or a data directory without a database
   */
  public static List<SshKey> sshKeys(ServerConfig config, String name, Clock clock)
      throws IOException {
    try (SqlStore store = existing(config, clock)) {
      return store.sshKeys().of(findAccount(store, name).id());
    }
  }

  /**
   * Removes one of an account's SSH keys, recording {@code sshkey.remove}.
   *
   * @param key the key's id or its fingerprint ({@code SHA256:...})
   * @return the removed key
   * @throws IllegalArgumentException if the account has no such key, or there is no such account
   */
  public static SshKey removeSshKey(
      ServerConfig config, String name, String key, Clock clock, SecureRandom random)
      throws IOException {
    try (SqlStore store = existing(config, clock)) {
      Account a = findAccount(store, name);
      SshKeyId id =
          store.sshKeys().of(a.id()).stream()
              .filter(k -> k.id().text().equals(key) || k.fingerprint().equals(key))
              .map(SshKey::id)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException(name + " has no SSH key " + key));
      Audit audit = new Audit(store.audit(), clock);
      return new SshKeyEnrolment(store.sshKeys(), store.transactions(), audit, clock, random)
          .remove(a, id, audit.event("sshkey.remove", Audit.ADMIN_CLI))
          .orElseThrow(() -> new IllegalArgumentException(name + " has no SSH key " + key));
    }
  }

  private static Account findAccount(SqlStore store, String name) {
    return (NAME.matcher(name).matches()
            ? store.accounts().findByName(name)
            : Optional.<Account>empty())
        .orElseThrow(() -> new IllegalArgumentException("No account named " + name));
  }

  /** An event of a local admin command: {@code via admin-cli}, no actor, no address. */
  private static Entry audit(SqlStore store, Clock clock, String type) {
    Audit audit = new Audit(store.audit(), clock);
    return new Entry(audit, audit.event(type, Audit.ADMIN_CLI));
  }

  /** An event being built, appended in the command's transaction by {@link #append}. */
  private record Entry(Audit audit, AuditEvent.Builder event) {
    Entry put(String key, String value) {
      var unused = event.put(key, value);
      return this;
    }

    Entry put(String key, boolean value) {
      var unused = event.put(key, value);
      return this;
    }

    long append() {
      return audit.append(event);
    }
  }

  private static Group findGroup(SqlStore store, String name) {
    return (NAME.matcher(name).matches()
            ? store.groups().findByName(name)
            : Optional.<Group>empty())
        .orElseThrow(() -> new IllegalArgumentException(noGroup(name)));
  }

  private static String noGroup(String name) {
    return "No group named " + name;
  }

  private static GroupMembers describe(SqlStore store, Group g) {
    return new GroupMembers(
        g,
        store.groups().members(g.id()).stream()
            .map(store.accounts()::find)
            .flatMap(Optional::stream)
            .map(Account::name)
            .sorted()
            .toList());
  }

  /**
   * The store of an existing installation: a mistyped --data must not create an empty one.
   *
   * @throws IllegalArgumentException if the configured SQLite database does not exist
   */
  private static SqlStore existing(ServerConfig config, Clock clock) throws IOException {
    String sqlite = "jdbc:sqlite:";
    if (config.database().startsWith(sqlite)
        && !Files.exists(Path.of(config.database().substring(sqlite.length())))) {
      throw new IllegalArgumentException(
          "No Valise database at " + config.database().substring(sqlite.length()));
    }
    return Stores.metadata(config, clock);
  }
}
