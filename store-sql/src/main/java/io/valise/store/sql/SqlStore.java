package io.valise.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.WebReleaseRepository;
import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.BruteForceRepository;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.TotpEnrolmentRepository;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.group.GroupRepository;
import io.valise.core.identitywrap.IdentityWrapRepository;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.lease.LeaseRepository;
import io.valise.core.passkey.PasskeyRepository;
import io.valise.core.passkey.WebAuthnChallengeRepository;
import io.valise.core.retention.RetentionRepository;
import io.valise.core.share.ShareRepository;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.tx.StoreException;
import io.valise.core.tx.Transactions;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;

/**
 * The metadata store on SQLite or PostgreSQL: every repository of {@code io.valise.core} plus
 * {@link Transactions}. {@link #open} migrates the schema; {@link #close} releases the pools.
 *
 * <p>SQLite ({@code jdbc:sqlite:/path/to/valise.db}, a file, not {@code :memory:}) runs in WAL mode
 * with foreign keys on, full fsync on commit, secure deletion (deleted rows are overwritten) and a
 * busy timeout. All writes share one pooled connection, because SQLite admits one writer at a time:
 * waiting in the pool is orderly where SQLITE_BUSY retries are not. Reads use a small pool of their
 * own and never block the writer. PostgreSQL ({@code jdbc:postgresql://...}) uses one pool for
 * both.
 */
public final class SqlStore implements AutoCloseable {
  private static final String MIGRATIONS = "classpath:io/valise/store/sql/migration";

  private final Clock clock;
  private final HikariDataSource writer;
  private final HikariDataSource reader;
  private final Db db;

  private SqlStore(Clock clock, Dialect dialect, HikariDataSource writer, HikariDataSource reader) {
    this.clock = clock;
    this.writer = writer;
    this.reader = reader;
    this.db = new Db(dialect, writer, reader);
  }

  /**
   * Opens the database at {@code jdbcUrl}, creating and migrating its schema as needed.
   *
   * @param user ignored by SQLite; may be null when the URL carries the credentials
   * @param clock the store's time source, for the records the store stamps itself
   * @throws IllegalArgumentException if the URL is not a SQLite or PostgreSQL URL
   * @throws StoreException if the database cannot be reached or migrated
   */
  public static SqlStore open(
      String jdbcUrl, @Nullable String user, @Nullable String password, Clock clock) {
    Dialect dialect = Dialect.of(jdbcUrl);
    migrate(dialect, jdbcUrl, user, password);
    HikariDataSource writer = null;
    try {
      writer = Pools.writer(dialect, jdbcUrl, user, password);
      HikariDataSource reader = dialect == Dialect.SQLITE ? Pools.sqliteReader(jdbcUrl) : writer;
      return new SqlStore(clock, dialect, writer, reader);
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      throw new StoreException("Cannot open the database: " + e.getMessage(), e);
    }
  }

  private static void migrate(
      Dialect dialect, String jdbcUrl, @Nullable String user, @Nullable String password) {
    try {
      flyway(dialect, jdbcUrl, user, password, MIGRATIONS).migrate();
    } catch (FlywayException e) {
      throw new StoreException("Cannot migrate the database schema: " + e.getMessage(), e);
    }
  }

  /**
   * Flyway over the migrations at {@code locations}, on a connection of its own, outside the pools:
   * Flyway may hold two at once, more than the single SQLite writer connection allows.
   *
   * <p>Out of order: migrations written on parallel branches (V10 and V11 were) may reach a
   * database in either order, and one numbered below the latest applied is then applied rather than
   * refused. Every migration is still applied exactly once, and a changed one is still refused by
   * its checksum. This holds only for migrations that do not depend on each other, which is why
   * each says what it touches.
   */
  static Flyway flyway(
      Dialect dialect,
      String jdbcUrl,
      @Nullable String user,
      @Nullable String password,
      String... locations) {
    return Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations(locations)
        .placeholders(dialect.placeholders())
        .failOnMissingLocations(true)
        .outOfOrder(true)
        .load();
  }

  /** Accounts. */
  public AccountRepository accounts() {
    return new SqlAccounts(db);
  }

  /** Groups and memberships. */
  public GroupRepository groups() {
    return new SqlGroups(db);
  }

  /** The key directory. */
  public KeyDirectory keys() {
    return new SqlKeyDirectory(db);
  }

  /** Envelope metadata, recipients, download reservations. */
  public EnvelopeRepository envelopes() {
    return new SqlEnvelopes(db);
  }

  /** Share links. */
  public ShareRepository shares() {
    return new SqlShares(db);
  }

  /** Sessions, by token hash. */
  public SessionRepository sessions() {
    return new SqlSessions(db);
  }

  /** API tokens, by token hash. */
  public ApiTokenRepository apiTokens() {
    return new SqlApiTokens(db);
  }

  /** SSH public keys for SFTP login, by fingerprint. */
  public SshKeyRepository sshKeys() {
    return new SqlSshKeys(db);
  }

  /** Passkeys (WebAuthn credentials), by credential id. */
  public PasskeyRepository passkeys() {
    return new SqlPasskeys(db);
  }

  /** The challenges of WebAuthn ceremonies in progress. */
  public WebAuthnChallengeRepository webAuthnChallenges() {
    return new SqlWebAuthnChallenges(db);
  }

  /** Accounts' age identities, encrypted by their owners. */
  public IdentityWrapRepository identityWraps() {
    return new SqlIdentityWraps(db);
  }

  /** TOTP secrets being enrolled, sealed, until their first code. */
  public TotpEnrolmentRepository totpEnrolments() {
    return new SqlTotpEnrolments(db);
  }

  /** Which audit entry published each web app bundle. */
  public WebReleaseRepository webReleases() {
    return new SqlWebReleases(db);
  }

  /** Brute-force scores and bans, shared by every node. */
  public BruteForceRepository bruteForce() {
    return new SqlBruteForce(db);
  }

  /** Leases for jobs that one node at a time runs (the sweeper). */
  public LeaseRepository leases() {
    return new SqlLeases(db);
  }

  /** The reads of the retention report. */
  public RetentionRepository retention() {
    return new SqlRetention(db);
  }

  /** The audit log's entries, tree nodes, checkpoints and cosignatures. */
  public AuditRepository audit() {
    return new SqlAudit(db);
  }

  /** Transactions that the repositories of this store join. */
  public Transactions transactions() {
    return db;
  }

  /** The clock this store was opened with. */
  public Clock clock() {
    return clock;
  }

  /** Closes the connection pools; in-flight calls fail. */
  @Override
  public void close() {
    if (reader != writer) {
      reader.close();
    }
    writer.close();
  }

  /** Pool settings per database. */
  static final class Pools {
    private Pools() {}

    static HikariDataSource writer(
        Dialect dialect, String jdbcUrl, @Nullable String user, @Nullable String password) {
      HikariConfig config = base(jdbcUrl);
      if (dialect == Dialect.SQLITE) {
        config.setPoolName("valise-sqlite-writer");
        config.setMaximumPoolSize(1);
        sqlite(config);
        // Take the write lock at BEGIN, so a transaction never fails half-way on lock upgrade
        // (which a busy timeout cannot help with), and another process waits its turn instead.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      } else {
        config.setPoolName("valise-postgresql");
        config.setMaximumPoolSize(10);
        if (user != null) {
          config.setUsername(user);
        }
        if (password != null) {
          config.setPassword(password);
        }
      }
      return new HikariDataSource(config);
    }

    static HikariDataSource sqliteReader(String jdbcUrl) {
      HikariConfig config = base(jdbcUrl);
      config.setPoolName("valise-sqlite-reader");
      config.setMaximumPoolSize(4);
      sqlite(config);
      return new HikariDataSource(config);
    }

    private static HikariConfig base(String jdbcUrl) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setConnectionTimeout(30_000);
      return config;
    }

    private static void sqlite(HikariConfig config) {
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("secure_delete", "true");
      // The driver otherwise runs "SELECT last_insert_rowid()" after every INSERT, for
      // getGeneratedKeys, which nothing here calls (an id is made in Java or taken with RETURNING):
      // 3 % of the server's CPU per send.
      config.addDataSourceProperty("jdbc.get_generated_keys", "false");
    }
  }
}
