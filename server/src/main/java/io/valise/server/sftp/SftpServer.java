package io.valise.server.sftp;

import io.valise.core.account.AccountRepository;
import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.tx.Transactions;
import io.valise.server.api.account.BruteForceGuard;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.config.SftpConfig;
import io.valise.server.envelope.Intake;
import io.valise.server.sftp.cipher.SshCiphers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.jspecify.annotations.Nullable;

/**
 * The SSH server of the gateway (Apache MINA SSHD): public-key login only, and only the {@code
 * sftp} subsystem. No shell, no exec (so no SCP), no port, X11 or agent forwarding.
 */
public final class SftpServer implements AutoCloseable {
  private static final AttributeKey<AccountId> COUNTED = new AttributeKey<>();

  private final SshServer sshd;
  private final PrintStream log;
  private final ConcurrentHashMap<AccountId, AtomicInteger> sessions = new ConcurrentHashMap<>();

  /** What the gateway needs from the rest of the server. */
  public record Services(
      SshKeyRepository sshKeys,
      AccountRepository accounts,
      BruteForceGuard guard,
      Intake intake,
      NameResolver names,
      EnvelopeRepository envelopes,
      GroupRepository groups,
      KeyDirectory keys,
      BlobStore blobs,
      Transactions transactions,
      Audit audit,
      Clock clock,
      SecureRandom random) {}

  private SftpServer(SshServer sshd, PrintStream log) {
    this.sshd = sshd;
    this.log = log;
  }

  /**
   * Starts the gateway on {@code config}'s address.
   *
   * @param hostKey the file that keeps the host key, made at first start
   * @throws IOException if the host key cannot be read or made, or the address cannot be bound
   */
  public static SftpServer start(
      SftpConfig config, Path hostKey, Services services, PrintStream log) throws IOException {
    Gateway gateway =
        new Gateway(
            new Gateway.Stores(
                services.intake(),
                services.names(),
                services.envelopes(),
                services.groups(),
                services.keys(),
                services.blobs(),
                services.transactions(),
                services.audit()),
            config.clearIngress(),
            services.clock(),
            services.random());
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(config.host());
    sshd.setPort(config.port());
    sshd.setKeyPairProvider(KeyPairProvider.wrap(HostKey.loadOrCreate(hostKey, services.random())));
    sshd.setCipherFactories(SshCiphers.tuned(sshd.getCipherFactories()));
    sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    KeyLogin login =
        new KeyLogin(
            services.sshKeys(),
            services.accounts(),
            services.guard(),
            services.audit(),
            services.transactions());
    sshd.setPublickeyAuthenticator(login);
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    sshd.setShellFactory(null);
    sshd.setCommandFactory(null);
    sshd.setAgentFactory(null);
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 6);
    CoreModuleProperties.AUTH_TIMEOUT.set(sshd, Duration.ofSeconds(30));
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ofMinutes(10));
    CoreModuleProperties.TCP_NODELAY.set(sshd, true);
    SftpServer server = new SftpServer(sshd, log);
    sshd.setSubsystemFactories(List.of(server.subsystem(gateway)));
    sshd.addSessionListener(
        server.listener(services.audit(), login, config.maxSessionsPerAccount()));
    sshd.start();
    log.println(
        "valise: SFTP gateway on %s:%d (public keys only; clear uploads encrypted on arrival for: %s)"
            .formatted(
                config.host(),
                server.port(),
                config.clearIngress().isEmpty()
                    ? "nobody"
                    : String.join(", ", config.clearIngress().stream().sorted().toList())));
    log.println("valise: SFTP ciphers: " + SshCiphers.describe(sshd.getCipherFactories()));
    return server;
  }

  /** The port bound (useful with port 0). */
  public int port() {
    return sshd.getPort();
  }

  @Override
  public void close() throws IOException {
    sshd.stop(false);
  }

  private SubsystemFactory subsystem(Gateway gateway) {
    return new SubsystemFactory() {
      @Override
      public String getName() {
        return "sftp";
      }

      @Override
      public Command createSubsystem(ChannelSession channel) {
        return new Channel(gateway, log);
      }
    };
  }

  /**
   * Logs {@code sftp.login} and {@code sftp.logout}, records a connection that failed to log in,
   * and holds each account to its session cap.
   */
  private SessionListener listener(Audit audit, KeyLogin login, int maxSessions) {
    return new SessionListener() {
      @Override
      public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated || !(session instanceof ServerSession s)) {
          return;
        }
        Caller c = s.getAttribute(KeyLogin.CALLER);
        if (c == null) {
          return;
        }
        AccountId account = c.principal().account();
        int now = sessions.computeIfAbsent(account, k -> new AtomicInteger()).incrementAndGet();
        s.setAttribute(COUNTED, account);
        var unused =
            audit.append(
                c.event(audit, "sftp.login")
                    .put("account", account.text())
                    .put("accountName", c.principal().name()));
        if (now > maxSessions) {
          try {
            s.disconnect(
                SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS,
                "At most " + maxSessions + " SFTP sessions at once per account");
          } catch (IOException e) {
            s.close(true);
          }
        }
      }

      @Override
      public void sessionClosed(Session session) {
        AccountId counted = session.getAttribute(COUNTED);
        if (counted == null && session instanceof ServerSession s) {
          try {
            login.connectionFailed(s);
          } catch (RuntimeException e) {
            log.println("valise: sftp: could not record a failed login: " + e.getMessage());
          }
        }
        if (counted != null) {
          sessions.computeIfPresent(counted, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
          Caller c = session.getAttribute(KeyLogin.CALLER);
          if (c != null) {
            var unused = audit.append(c.event(audit, "sftp.logout").put("account", counted.text()));
          }
        }
      }
    };
  }

  /**
   * The {@code sftp} subsystem of one channel: requests come from {@link Inbound}, installed as the
   * channel's data receiver (so MINA's piped input stream is never made), and the session loop runs
   * on a virtual thread.
   */
  private static final class Channel implements Command, ChannelSessionAware {
    private final Gateway gateway;
    private final PrintStream log;
    private @Nullable Inbound in;
    private @Nullable OutputStream out;
    private OutputStream err = OutputStream.nullOutputStream();
    private @Nullable ExitCallback exit;
    private @Nullable SftpSession session;

    Channel(Gateway gateway, PrintStream log) {
      this.gateway = gateway;
      this.log = log;
    }

    @Override
    public void setChannelSession(ChannelSession channel) {
      Inbound inbound = new Inbound(n -> channel.getLocalWindow().release(n));
      channel.setDataReceiver(inbound);
      this.in = inbound;
    }

    @Override
    public void setInputStream(InputStream in) {
      // not called: the Inbound receiver takes the channel's data
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      Caller c = channel.getSession().getAttribute(KeyLogin.CALLER);
      Inbound i = in;
      OutputStream o = out;
      OutputStream e2 = err;
      if (c == null || i == null || o == null) {
        throw new IOException("SFTP channel without an authenticated caller");
      }
      SftpSession s = new SftpSession(gateway, c, log);
      session = s;
      Thread.ofVirtual()
          .name("valise-sftp-" + c.principal().name())
          .start(
              () -> {
                int code = 0;
                try {
                  s.serve(i, o, e2);
                } catch (IOException | RuntimeException e) {
                  code = 1;
                } catch (InterruptedException e) {
                  code = 1;
                  Thread.currentThread().interrupt();
                } finally {
                  ExitCallback e = exit;
                  if (e != null) {
                    e.onExit(code);
                  }
                }
              });
    }

    @Override
    public void destroy(ChannelSession channel) {
      SftpSession s = session;
      if (s != null) {
        s.abortUploads("The SFTP channel closed before the upload was closed; nothing was stored");
      }
      Inbound i = in;
      if (i != null) {
        i.close(); // a session still waiting for a request ends
      }
    }
  }
}
