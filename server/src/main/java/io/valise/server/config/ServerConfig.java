package io.valise.server.config;

import io.valise.server.api.envelope.Durations;
import io.valise.server.envelope.EnvelopePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code valise serve} needs. With no file: SQLite at {@code DATA/valise.db}, blobs
 * under {@code DATA/blobs}, listening on 127.0.0.1:7443 (plain HTTP on loopback; TLS belongs to a
 * reverse proxy in front).
 *
 * @param database the JDBC URL, SQLite by default
 * @param requireSecondFactor whether a password login of an account without TOTP is refused
 * @param audit the audit log's settings
 * @param sftp the SFTP gateway's settings (off by default)
 * @param web where the web app is served from, for passkeys (default: the loopback listen address)
 */
public record ServerConfig(
    Path dataDir,
    String host,
    int port,
    String database,
    @Nullable String databaseUser,
    @Nullable Secret databasePassword,
    EnvelopePolicy policy,
    Duration sweepInterval,
    boolean requireSecondFactor,
    AuditConfig audit,
    SftpConfig sftp,
    WebConfig web) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7443;

  /** The keys a configuration file may hold; any other key is an error. */
  static final Set<String> KEYS =
      Set.of(
          "listen",
          "database.url",
          "database.user",
          "database.password",
          "expiry.default",
          "expiry.max",
          "upload.max-bytes",
          "quota.bytes-per-account",
          "auth.require-second-factor",
          "audit.origin",
          "audit.witnesses",
          "audit.sequence-interval",
          "audit.receipt-wait",
          "sftp.listen",
          "sftp.clear-ingress",
          "sftp.max-sessions-per-account",
          "web.origin",
          "web.rp-id");

  /** The defaults for {@code dataDir}. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        dataDir,
        DEFAULT_HOST,
        DEFAULT_PORT,
        sqliteUrl(dataDir),
        null,
        null,
        EnvelopePolicy.DEFAULT,
        Duration.ofSeconds(10),
        false,
        AuditConfig.DEFAULT,
        SftpConfig.OFF,
        WebConfig.LOCAL);
  }

  static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("valise.db");
  }

  /** With another listening address. */
  public ServerConfig withListen(String hostPort) throws ConfigException {
    Address a = Address.parse("listen", hostPort);
    Copy c = new Copy(this);
    c.host = a.host();
    c.port = a.port();
    return c.build();
  }

  /** A {@code HOST:PORT} setting. */
  private record Address(String host, int port) {
    static Address parse(String key, String text) throws ConfigException {
      int colon = text.lastIndexOf(':');
      if (colon < 1 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new ConfigException(key + " [" + text + "] must be HOST:PORT");
      }
      int p = Integer.parseInt(text.substring(colon + 1));
      if (p > 65535) {
        throw new ConfigException(key + " port [" + p + "] is above 65535");
      }
      return new Address(text.substring(0, colon), p);
    }
  }

  /** With another database. */
  public ServerConfig withDatabase(String url, @Nullable String user, @Nullable Secret password) {
    Copy c = new Copy(this);
    c.database = url;
    c.databaseUser = user;
    c.databasePassword = password;
    return c.build();
  }

  /** With another envelope policy. */
  public ServerConfig withPolicy(EnvelopePolicy p) {
    Copy c = new Copy(this);
    c.policy = p;
    return c.build();
  }

  /** With or without the second factor required at login. */
  public ServerConfig withRequireSecondFactor(boolean required) {
    Copy c = new Copy(this);
    c.requireSecondFactor = required;
    return c.build();
  }

  /** With other audit log settings. */
  public ServerConfig withAudit(AuditConfig a) {
    Copy c = new Copy(this);
    c.audit = a;
    return c.build();
  }

  /** With other SFTP gateway settings. */
  public ServerConfig withSftp(SftpConfig s) {
    Copy c = new Copy(this);
    c.sftp = s;
    return c.build();
  }

  /** With other web app settings. */
  public ServerConfig withWeb(WebConfig w) {
    Copy c = new Copy(this);
    c.web = w;
    return c.build();
  }

  /** A configuration's components, changed one by one by the withers, then built again. */
  private static final class Copy {
    private final Path dataDir;
    private String host;
    private int port;
    private String database;
    private @Nullable String databaseUser;
    private @Nullable Secret databasePassword;
    private EnvelopePolicy policy;
    private final Duration sweepInterval;
    private boolean requireSecondFactor;
    private AuditConfig audit;
    private SftpConfig sftp;
    private WebConfig web;

    Copy(ServerConfig c) {
      dataDir = c.dataDir;
      host = c.host;
      port = c.port;
      database = c.database;
      databaseUser = c.databaseUser;
      databasePassword = c.databasePassword;
      policy = c.policy;
      sweepInterval = c.sweepInterval;
      requireSecondFactor = c.requireSecondFactor;
      audit = c.audit;
      sftp = c.sftp;
      web = c.web;
    }

    ServerConfig build() {
      return new ServerConfig(
          dataDir,
          host,
          port,
          database,
          databaseUser,
          databasePassword,
          policy,
          sweepInterval,
          requireSecondFactor,
          audit,
          sftp,
          web);
    }
  }

  /**
   * Applies a {@code key=value} properties file, strictly: unknown keys, repeated keys and bad
   * values are errors naming the key.
   */
  public ServerConfig withFile(Path file) throws ConfigException {
    Map<String, String> values = read(file);
    ServerConfig c = this;
    String listen = values.get("listen");
    if (listen != null) {
      c = c.withListen(listen);
    }
    String url = values.get("database.url");
    if (url != null) {
      if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
        throw new ConfigException("database.url must be jdbc:postgresql://... or jdbc:sqlite:FILE");
      }
      String pw = values.get("database.password");
      c = c.withDatabase(url, values.get("database.user"), pw == null ? null : new Secret(pw));
    } else if (values.containsKey("database.user") || values.containsKey("database.password")) {
      throw new ConfigException("database.user and database.password need database.url");
    }
    EnvelopePolicy p = c.policy;
    try {
      Duration def =
          values.containsKey("expiry.default")
              ? Durations.parse(values.get("expiry.default"))
              : p.defaultExpiry();
      Duration max =
          values.containsKey("expiry.max")
              ? Durations.parse(values.get("expiry.max"))
              : p.maxExpiry();
      long bytes =
          values.containsKey("upload.max-bytes")
              ? Long.parseLong(values.get("upload.max-bytes"))
              : p.maxUploadBytes();
      long quota =
          values.containsKey("quota.bytes-per-account")
              ? Long.parseLong(values.get("quota.bytes-per-account"))
              : p.quotaBytesPerAccount();
      c = c.withPolicy(new EnvelopePolicy(def, max, bytes, quota));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
    String second = values.get("auth.require-second-factor");
    if (second != null) {
      c = c.withRequireSecondFactor(bool(file, "auth.require-second-factor", second));
    }
    if (values.containsKey("web.origin") || values.containsKey("web.rp-id")) {
      try {
        c = c.withWeb(WebConfig.parse(values.get("web.origin"), values.get("web.rp-id")));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      }
    }
    return c.withAudit(audit(file, values, c.audit)).withSftp(sftp(file, values, c.sftp));
  }

  private static SftpConfig sftp(Path file, Map<String, String> values, SftpConfig s)
      throws ConfigException {
    String host = s.host();
    int port = s.port();
    String listen = values.get("sftp.listen");
    if (listen != null) {
      Address a;
      try {
        a = Address.parse("sftp.listen", listen);
      } catch (ConfigException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      }
      host = a.host();
      port = a.port();
    }
    java.util.Set<String> clear = s.clearIngress();
    String c = values.get("sftp.clear-ingress");
    if (c != null) {
      clear = new java.util.HashSet<>();
      for (String name : c.split(",", -1)) {
        if (!name.isBlank()) {
          if (!name.strip().matches("[a-z0-9._-]{1,64}")) {
            throw new ConfigException(
                file + ": sftp.clear-ingress holds [" + name.strip() + "], not an account name");
          }
          clear.add(name.strip());
        }
      }
    }
    String max = values.get("sftp.max-sessions-per-account");
    try {
      return new SftpConfig(
          host,
          port,
          clear,
          max == null ? s.maxSessionsPerAccount() : Integer.parseInt(max.strip()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static AuditConfig audit(Path file, Map<String, String> values, AuditConfig a)
      throws ConfigException {
    String origin = values.getOrDefault("audit.origin", a.origin());
    if (origin != null && (origin.isEmpty() || !origin.matches("[\\x21-\\x7e]{1,255}"))) {
      throw new ConfigException(
          file + ": audit.origin must be 1 to 255 printable ASCII characters, no spaces");
    }
    List<String> witnesses = a.witnesses();
    String w = values.get("audit.witnesses");
    if (w != null) {
      witnesses = new ArrayList<>();
      for (String key : w.split(",", -1)) {
        if (!key.isBlank()) {
          witnesses.add(key.strip());
        }
      }
    }
    try {
      Duration interval =
          values.containsKey("audit.sequence-interval")
              ? Durations.parse(values.get("audit.sequence-interval"))
              : a.sequenceInterval();
      Duration wait =
          values.containsKey("audit.receipt-wait")
              ? Durations.parse(values.get("audit.receipt-wait"))
              : a.receiptWait();
      return new AuditConfig(origin, witnesses, interval, wait);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Exactly {@code true} or {@code false}: "yes", "1" or "TRUE" are errors, not guesses. */
  private static boolean bool(Path file, String key, String value) throws ConfigException {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(
              "%s: %s must be true or false, not [%s]".formatted(file, key, value));
    };
  }

  private static Map<String, String> read(Path file) throws ConfigException {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(64 * 1024 + 1);
      if (b.length > 64 * 1024) {
        throw new ConfigException(file + ": larger than 64 KiB");
      }
      text = new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    int n = 0;
    for (String raw : text.split("\n", -1)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 1) {
        throw new ConfigException("%s:%d: expected key=value".formatted(file, n));
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!KEYS.contains(key)) {
        throw new ConfigException(
            "%s:%d: unknown key [%s]; known keys: %s".formatted(file, n, key, KEYS));
      }
      if (values.put(key, value) != null) {
        throw new ConfigException("%s:%d: key [%s] given twice".formatted(file, n, key));
      }
    }
    return values;
  }
}
