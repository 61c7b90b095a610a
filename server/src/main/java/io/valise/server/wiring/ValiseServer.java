package io.valise.server.wiring;

import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.ApiTokens;
import io.valise.core.auth.BruteForceDefence;
import io.valise.core.auth.BruteForcePolicy;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.PasswordPolicy;
import io.valise.core.auth.SessionPolicy;
import io.valise.core.auth.Sessions;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.server.api.account.AccountAdminRoutes;
import io.valise.server.api.account.ApiTokenAuthenticator;
import io.valise.server.api.account.BruteForceGuard;
import io.valise.server.api.account.LoginRoutes;
import io.valise.server.api.account.PasskeyLoginRoutes;
import io.valise.server.api.account.SessionAuthenticator;
import io.valise.server.api.account.TokenRoutes;
import io.valise.server.api.directory.DirectoryRoutes;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.api.envelope.EnvelopeJson;
import io.valise.server.api.envelope.EnvelopeRoutes;
import io.valise.server.api.envelope.RecipientRoutes;
import io.valise.server.api.group.GroupRoutes;
import io.valise.server.api.identitywrap.IdentityWrapRoutes;
import io.valise.server.api.keydir.KeyJson;
import io.valise.server.api.keydir.KeyRoutes;
import io.valise.server.api.passkey.Ceremonies;
import io.valise.server.api.passkey.Challenges;
import io.valise.server.api.passkey.PasskeyRoutes;
import io.valise.server.api.passkey.RelyingParty;
import io.valise.server.api.policy.PolicyRoutes;
import io.valise.server.api.share.LinkRoutes;
import io.valise.server.api.share.ShareRoutes;
import io.valise.server.api.sshkey.SshKeyEnrolment;
import io.valise.server.api.sshkey.SshKeyRoutes;
import io.valise.server.audit.Audit;
import io.valise.server.audit.AuditRoutes;
import io.valise.server.audit.LogKey;
import io.valise.server.audit.Receipts;
import io.valise.server.audit.Sequencer;
import io.valise.server.audit.WebReleaseRoutes;
import io.valise.server.audit.WebReleases;
import io.valise.server.audit.Witnesses;
import io.valise.server.config.ConfigException;
import io.valise.server.config.InstallationSecrets;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.TotpVault;
import io.valise.server.envelope.Intake;
import io.valise.server.health.HealthRoutes;
import io.valise.server.health.Metrics;
import io.valise.server.http.HttpApi;
import io.valise.server.http.ProblemErrorHandler;
import io.valise.server.http.Route;
import io.valise.server.http.Router;
import io.valise.server.retention.RetentionRoutes;
import io.valise.server.sftp.SftpServer;
import io.valise.server.sweep.SweepPolicy;
import io.valise.server.sweep.Sweeper;
import io.valise.server.web.WebRoutes;
import io.valise.store.fs.FsBlobStore;
import io.valise.store.sql.SqlStore;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteSigner;
import io.valise.web.WebBundle;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The one composition root: opens the stores, builds every service with plain constructors,
 * registers the routes, starts Jetty on virtual threads and the sweeper. {@link #close} stops
 * accepting, lets in-flight requests finish (up to a grace period), then closes the stores.
 */
public final class ValiseServer implements AutoCloseable {
  /** The system property that turns the audit log off, for the benchmark that measures it. */
  public static final String SKIP_AUDIT_PROPERTY = "valise.benchmark.skipAuditLog";

  private static final int INPUT_BUFFER = 128 * 1024;

  private final Server jetty;
  private final ServerConnector connector;
  private final SqlStore store;
  private final Router router;
  private final Sweeper sweeper;
  private final ScheduledExecutorService scheduler;
  private final Logging logging;
  private final @Nullable SftpServer sftp;

  /** The audit log's running parts, stopped last. */
  private record Logging(
      Audit audit, Sequencer sequencer, Receipts receipts, Thread thread, String node) {}

  private ValiseServer(
      Server jetty,
      ServerConnector connector,
      SqlStore store,
      Router router,
      Sweeper sweeper,
      ScheduledExecutorService scheduler,
      Logging logging,
      @Nullable SftpServer sftp) {
    this.logging = logging;
    this.sftp = sftp;
    this.jetty = jetty;
    this.connector = connector;
    this.store = store;
    this.router = router;
    this.sweeper = sweeper;
    this.scheduler = scheduler;
  }

  /**
   * Starts a server.
   *
   * @throws Exception if a store cannot be opened or the address cannot be bound
   */
  public static ValiseServer start(
      ServerConfig config, Clock clock, SecureRandom random, PrintStream log) throws Exception {
    InstallationSecrets.Loaded secrets = InstallationSecrets.load(config.dataDir(), random);
    TotpVault vault;
    NoteSigner logSigner;
    try (var key = secrets.key()) {
      vault = new TotpVault(key, random);
      logSigner = LogKey.signer(key, config.audit().origin());
    }
    List<CosignatureVerifier> witnessKeys;
    try {
      witnessKeys = Witnesses.parse(config.audit().witnesses());
    } catch (NoteException e) {
      throw new ConfigException("audit.witnesses: " + e.getMessage(), e);
    }
    SqlStore store = Stores.metadata(config, clock);
    String node = nodeName(random);
    try {
      FsBlobStore blobs = Stores.blobs(config);
      blobs.sweepOrphans();
      Metrics metrics = new Metrics();
      boolean skipLog = Boolean.getBoolean(SKIP_AUDIT_PROPERTY);
      Audit audit =
          skipLog
              ? Audit.skippedForBenchmark(store.audit(), clock)
              : new Audit(store.audit(), clock);
      BruteForceGuard guard =
          new BruteForceGuard(
              new BruteForceDefence(BruteForcePolicy.DEFAULT, clock),
              store.bruteForce(),
              audit,
              store.transactions(),
              clock);
      Sessions sessions = new Sessions(SessionPolicy.DEFAULT, clock, random);
      PasswordHasher passwords = new PasswordHasher(PasswordPolicy.OWASP, random);
      NameResolver names = new NameResolver(store.accounts(), store.groups());
      if (skipLog) {
        log.println(
            "valise: WARNING: the audit log is OFF ("
                + SKIP_AUDIT_PROPERTY
                + "=true); for benchmarks only, never in service");
      }
      Sequencer sequencer =
          new Sequencer(
              store.audit(),
              store.transactions(),
              store.leases(),
              logSigner,
              clock,
              node,
              config.audit().sequenceInterval(),
              log);
      Receipts receipts = new Receipts(store.audit(), sequencer, config.audit().receiptWait());
      KeyJson keyJson = new KeyJson(store.audit());
      EnvelopeJson envelopeJson = new EnvelopeJson(store.accounts(), store.shares());
      List<Route> routes = new ArrayList<>();
      routes.addAll(new HealthRoutes(metrics).routes());
      routes.addAll(
          new LoginRoutes(
                  store.accounts(),
                  passwords,
                  sessions,
                  store.sessions(),
                  guard,
                  metrics,
                  new Totp(TotpParameters.DEFAULT, clock),
                  vault,
                  config.requireSecondFactor(),
                  audit,
                  store.transactions())
              .routes());
      routes.addAll(
          new TokenRoutes(
                  new ApiTokens(clock, random),
                  store.apiTokens(),
                  random,
                  audit,
                  store.transactions())
              .routes());
      routes.addAll(
          AccountSecurity.routes(
              config,
              store,
              new AccountSecurity.Auth(passwords, sessions, guard, vault),
              metrics,
              audit,
              clock,
              random));
      routes.addAll(
          new KeyRoutes(
                  store.accounts(),
                  store.keys(),
                  clock,
                  random,
                  store.transactions(),
                  audit,
                  receipts,
                  keyJson)
              .routes());
      routes.addAll(
          new SshKeyRoutes(
                  store.accounts(),
                  store.sshKeys(),
                  new SshKeyEnrolment(store.sshKeys(), store.transactions(), audit, clock, random),
                  audit)
              .routes());
      routes.addAll(
          new DirectoryRoutes(store.accounts(), store.groups(), store.keys(), names, keyJson)
              .routes());
      routes.addAll(
          new AuditRoutes(
                  store.audit(),
                  receipts,
                  sequencer,
                  logSigner.verifier().encode(),
                  new Witnesses(store.audit(), logSigner.verifier(), witnessKeys, clock))
              .routes());
      routes.addAll(
          new GroupRoutes(
                  store.groups(), store.accounts(), clock, random, audit, store.transactions())
              .routes());
      routes.addAll(
          new AccountAdminRoutes(
                  store.accounts(), passwords, clock, random, audit, store.transactions())
              .routes());
      routes.addAll(
          new EnvelopeRoutes(
                  names,
                  envelopeJson,
                  store.envelopes(),
                  store.transactions(),
                  blobs,
                  config.policy(),
                  clock,
                  random,
                  metrics,
                  audit,
                  receipts)
              .routes());
      routes.addAll(
          new RecipientRoutes(
                  names,
                  store.accounts(),
                  store.envelopes(),
                  store.transactions(),
                  envelopeJson,
                  clock,
                  audit)
              .routes());
      routes.addAll(
          new ShareRoutes(
                  store.envelopes(),
                  store.shares(),
                  passwords,
                  config.policy(),
                  clock,
                  random,
                  audit,
                  store.transactions())
              .routes());
      routes.addAll(
          new LinkRoutes(
                  store.shares(),
                  store.envelopes(),
                  store.transactions(),
                  blobs,
                  passwords,
                  guard,
                  clock,
                  metrics,
                  audit)
              .routes());
      // The port is known once bound (port 0 in tests); the passkey origins are read per ceremony.
      AtomicInteger bound = new AtomicInteger(config.port());
      Challenges challenges = new Challenges(store.webAuthnChallenges(), clock, random);
      Ceremonies ceremonies = new Ceremonies(new RelyingParty(config.web(), bound::get));
      routes.addAll(
          new PasskeyRoutes(
                  store.accounts(),
                  store.passkeys(),
                  store.identityWraps(),
                  challenges,
                  ceremonies,
                  store.transactions(),
                  audit,
                  clock,
                  random)
              .routes());
      routes.addAll(
          new PasskeyLoginRoutes(
                  store.accounts(),
                  store.passkeys(),
                  challenges,
                  ceremonies,
                  sessions,
                  store.sessions(),
                  guard,
                  metrics,
                  audit,
                  store.transactions(),
                  clock)
              .routes());
      routes.addAll(
          new IdentityWrapRoutes(
                  store.accounts(),
                  store.identityWraps(),
                  store.passkeys(),
                  store.keys(),
                  store.transactions(),
                  audit,
                  clock,
                  random)
              .routes());
      WebBundle web = WebBundle.load();
      routes.addAll(new WebRoutes(web).routes());
      routes.addAll(
          new WebReleaseRoutes(web, store.webReleases(), store.audit(), receipts).routes());
      routes.addAll(new PolicyRoutes(config.policy(), config.requireSecondFactor()).routes());
      routes.addAll(new RetentionRoutes(store.retention(), clock).routes());
      Router router = new Router(routes);
      SessionAuthenticator auth =
          new SessionAuthenticator(
              sessions,
              store.sessions(),
              store.accounts(),
              guard,
              audit,
              new ApiTokenAuthenticator(store.apiTokens(), store.accounts(), guard, audit, clock));

      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("valise-http");
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      Server jetty = new Server(threads);
      HttpConnectionFactory http = new HttpConnectionFactory();
      // Bigger socket reads: an upload then arrives in fewer, larger chunks, each written to the
      // staged blob as it is (see RequestBody), and a 1 GiB upload makes 16 times fewer calls.
      http.setInputBufferSize(INPUT_BUFFER);
      ServerConnector connector = new ServerConnector(jetty, http);
      connector.setHost(config.host());
      connector.setPort(config.port());
      jetty.addConnector(connector);
      jetty.setHandler(new HttpApi(router, auth, metrics, log));
      jetty.setErrorHandler(new ProblemErrorHandler(metrics));
      jetty.setStopTimeout(30_000);
      var unusedEntry = audit.append(started(audit, node, config).put("web", web.hash()));
      var unusedRelease =
          new WebReleases(store.webReleases(), audit, store.transactions(), clock)
              .publish(web, node, version());
      jetty.start();
      bound.set(connector.getLocalPort());
      Thread sequencing = Thread.ofVirtual().name("valise-sequencer").start(sequencer::run);
      sequencer.poke();

      Sweeper sweeper =
          new Sweeper(
              new Sweeper.Stores(
                  store.leases(),
                  store.envelopes(),
                  store.shares(),
                  store.sessions(),
                  store.apiTokens(),
                  store.webAuthnChallenges(),
                  store.totpEnrolments()),
              blobs,
              SessionPolicy.DEFAULT,
              SweepPolicy.every(config.sweepInterval()),
              node,
              clock,
              metrics,
              log,
              audit,
              store.transactions());
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofVirtual().name("valise-sweeper").factory());
      long every = config.sweepInterval().toMillis();
      // The first pass at once (it also sweeps orphan blobs), then every interval. Cancelled by
      // close(); sweep() never throws, so a failed pass does not end the schedule.
      var unused =
          scheduler.scheduleWithFixedDelay(sweeper::sweep, 0, every, TimeUnit.MILLISECONDS);
      if (secrets.created() && store.accounts().list().isEmpty()) {
        log.println("valise: new installation in " + config.dataDir().toAbsolutePath());
        log.println("valise: create the first administrator with:");
        log.println(
            "  valise admin user add NAME --admin --password-stdin --data " + config.dataDir());
      }
      SftpServer sftp =
          config.sftp().enabled()
              ? SftpServer.start(
                  config.sftp(),
                  config.dataDir().resolve("sftp-host-key"),
                  new SftpServer.Services(
                      store.sshKeys(),
                      store.accounts(),
                      guard,
                      new Intake(
                          store.envelopes(),
                          store.transactions(),
                          blobs,
                          config.policy(),
                          clock,
                          random,
                          audit),
                      names,
                      store.envelopes(),
                      store.groups(),
                      store.keys(),
                      blobs,
                      store.transactions(),
                      audit,
                      clock,
                      random),
                  log)
              : null;
      return new ValiseServer(
          jetty,
          connector,
          store,
          router,
          sweeper,
          scheduler,
          new Logging(audit, sequencer, receipts, sequencing, node),
          sftp);
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  /**
   * The {@code server.start} entry, with the policy this node runs; the caller adds {@code web},
   * the hash of the web app it serves (see {@code WebBundle}), which is how a release of the page
   * is published in the log.
   */
  private static AuditEvent.Builder started(Audit audit, String node, ServerConfig config) {
    return audit
        .event("server.start", Audit.SERVER)
        .put("node", node)
        .put("version", version())
        .put("maxUploadBytes", config.policy().maxUploadBytes())
        .put("defaultExpiry", config.policy().defaultExpiry().toString())
        .put("maxExpiry", config.policy().maxExpiry().toString())
        .put("quotaBytesPerAccount", config.policy().quotaBytesPerAccount())
        .put("requireSecondFactor", config.requireSecondFactor())
        .put("sftp", config.sftp().enabled() ? "on" : "off")
        .put(
            "sftpClearIngress",
            String.join(" ", config.sftp().clearIngress().stream().sorted().toList()));
  }

  /** The server's version, from its jar ({@code dev} when run from classes). */
  private static String version() {
    return Objects.requireNonNullElse(
        ValiseServer.class.getPackage().getImplementationVersion(), "dev");
  }

  /** A name for this process in the sweeper lease: random, so two nodes never share one. */
  private static String nodeName(SecureRandom random) {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return "node-" + HexFormat.of().formatHex(b);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The port of the SFTP gateway, or -1 when it is off. */
  public int sftpPort() {
    SftpServer s = sftp;
    return s == null ? -1 : s.port();
  }

  /** The registered routes. */
  public Router router() {
    return router;
  }

  /** The sweeper, for tests that move the clock and sweep at once. */
  public Sweeper sweeper() {
    return sweeper;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops: the sweeper finishes its pass and gives up its lease, no new connections, in-flight
   * requests get the stop timeout, then the stores close.
   */
  @Override
  public void close() {
    // No new passes (periodic tasks stop at shutdown); a pass in progress finishes first, so the
    // lease is released by a node that is done with it.
    scheduler.shutdown();
    try {
      SftpServer s = sftp;
      if (s != null) {
        s.close();
      }
      var unused = scheduler.awaitTermination(30, TimeUnit.SECONDS);
      jetty.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    } finally {
      sweeper.release();
      stopLogging();
      store.close();
    }
  }

  /** Logs {@code server.stop}, lets the sequencer number it, then stops the sequencer. */
  private void stopLogging() {
    Sequencer sequencer = logging.sequencer();
    try {
      var unused =
          logging
              .audit()
              .append(
                  logging.audit().event("server.stop", Audit.SERVER).put("node", logging.node()));
      long seen = sequencer.passes();
      sequencer.poke();
      sequencer.awaitPass(seen, 5_000);
    } catch (RuntimeException e) {
      // The store may be failing; the stop goes on.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sequencer.stop();
      try {
        logging.thread().join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sequencer.release();
    }
  }
}
