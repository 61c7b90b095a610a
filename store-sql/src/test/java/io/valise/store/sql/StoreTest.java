package io.valise.store.sql;

import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of every repository contract test: written once, run on SQLite and on PostgreSQL, each
 * test on a fresh database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
abstract class StoreTest {
  static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  // Injected by JUnit per class invocation; null only before that.
  @Parameter @Nullable TestDatabase database;

  final SecureRandom random = new SecureRandom();
  final TestClock clock = new TestClock(START);
  private TestDatabase.@Nullable Opened opened;

  @BeforeEach
  void openStore() throws Exception {
    TestDatabase db = database;
    if (db == null) {
      throw new IllegalStateException("no database parameter");
    }
    opened = db.open(clock);
  }

  @AfterEach
  void closeStore() throws Exception {
    if (opened != null) {
      opened.close();
    }
  }

  SqlStore store() {
    return opened().store();
  }

  /** A second, independent store (own pools) on the same database; the caller closes it. */
  SqlStore anotherNode() {
    return opened().another(clock);
  }

  /**
   * A plain JDBC connection to the store's database, outside its pools: for changing it behind the
   * store's back.
   */
  java.sql.Connection rawConnection() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(opened().url());
  }

  private TestDatabase.Opened opened() {
    TestDatabase.Opened o = opened;
    if (o == null) {
      throw new IllegalStateException("no store");
    }
    return o;
  }

  Account account(String name) {
    Account a =
        Account.create(
            AccountId.random(random),
            name,
            AccountKind.PERSON,
            false,
            "$argon2id$x",
            clock.instant());
    store().accounts().create(a);
    return a;
  }

  Envelope envelope(
      AccountId sender, Duration ttl, @Nullable Integer maxDownloads, List<AccountId> recipients) {
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            sender,
            clock.instant(),
            clock.instant().plus(ttl),
            maxDownloads,
            0,
            BlobId.random(random),
            1234,
            OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
            OpaqueBytes.of(new byte[] {7, 7}),
            recipients);
    store().envelopes().create(e);
    return e;
  }
}
