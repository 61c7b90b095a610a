package io.valise.server.envelope;

import io.valise.age.Header;
import io.valise.age.stream.Payload;
import io.valise.core.audit.AuditEvent;
import io.valise.core.blob.BlobStore;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Stores one envelope, whatever protocol brought it: the age header (parsed and re-encoded, or
 * sealed by the SFTP gateway), then the payload streamed into a staged blob, its length checked to
 * be one an age payload can have, the blob committed (fsync, rename), then the envelope, its
 * recipients and its {@code envelope.upload} audit entry in one transaction. On any failure the
 * blob is aborted or deleted, so nothing partial remains.
 */
public final class Intake {
  private final EnvelopeRepository envelopes;
  private final Transactions transactions;
  private final BlobStore blobs;
  private final EnvelopePolicy policy;
  private final Clock clock;
  private final SecureRandom random;
  private final Audit audit;

  /**
   * What to store besides the bytes.
   *
   * @param metadata the sealed metadata, asked for once the payload is written (the gateway seals
   *     the plaintext size into it)
   * @param declaredLength the length the client announced, or -1; refused early when over the
   *     limits
   * @param event the {@code envelope.upload} event with its caller fields; the envelope's are added
   */
  public record Order(
      AccountId sender,
      List<AccountId> recipients,
      Duration ttl,
      @Nullable Integer maxDownloads,
      Supplier<OpaqueBytes> metadata,
      long declaredLength,
      AuditEvent.Builder event) {
    public Order {
      recipients = List.copyOf(recipients);
    }
  }

  /** Writes an envelope's payload to the staged blob. */
  @FunctionalInterface
  public interface PayloadSource {
    /**
     * Writes the whole payload to {@code out}, which refuses to take more than the policy allows.
     *
     * @return the number of bytes written
     */
    long writeTo(WritableByteChannel out) throws IOException;
  }

  /**
   * An upload stream that can hand its buffers to a channel as they are (the SFTP gateway's pipe),
   * rather than through a copy.
   */
  public interface Chunks {
    /** Writes the rest of the stream to {@code out}; returns the number of bytes. */
    long transferTo(WritableByteChannel out) throws IOException;
  }

  /** A stored envelope and the pending id of its audit entry. */
  public record Stored(Envelope envelope, long auditEntry) {}

  public Intake(
      EnvelopeRepository envelopes,
      Transactions transactions,
      BlobStore blobs,
      EnvelopePolicy policy,
      Clock clock,
      SecureRandom random,
      Audit audit) {
    this.envelopes = envelopes;
    this.transactions = transactions;
    this.blobs = blobs;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.audit = audit;
  }

  /** The limits applied. */
  public EnvelopePolicy policy() {
    return policy;
  }

  /**
   * Stores the age file read from {@code in}: header, then payload to the end of the stream.
   *
   * @throws io.valise.age.HeaderException if the header is not well-formed age
   * @throws io.valise.age.PayloadException if the payload's length is not one age allows
   * @throws ApiException.TooLarge if the file or the sender's quota is over the policy
   */
  public Stored store(Order order, InputStream in) throws IOException {
    checkDeclared(order);
    byte[] header = Header.parse(in).encode();
    return store(order, header, out -> transfer(in, out));
  }

  /**
   * Stores an envelope whose header is already made and whose payload {@code payload} writes.
   *
   * @throws io.valise.age.PayloadException if the payload's length is not one age allows
   * @throws ApiException.TooLarge if the file or the sender's quota is over the policy
   */
  public Stored store(Order order, byte[] header, PayloadSource payload) throws IOException {
    checkDeclared(order);
    AccountId sender = order.sender();
    BlobId blob = BlobId.random(random);
    long length;
    String payloadSha256;
    try (BlobStore.Staged staged = blobs.stage(blob)) {
      DigestingChannel digesting = new DigestingChannel(staged.channel());
      length = payload.writeTo(new Limited(digesting, policy.maxUploadBytes() - header.length));
      payloadSha256 = digesting.hex();
      Payload.plaintextLength(length);
      staged.commit();
    }
    // The store keeps milliseconds; answer with what it will give back later.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            sender,
            now,
            now.plus(order.ttl()),
            order.maxDownloads(),
            0,
            blob,
            length,
            OpaqueBytes.of(header),
            order.metadata().get(),
            order.recipients());
    long entry;
    try {
      entry =
          transactions.inTransaction(
              () -> {
                // The entry first: on PostgreSQL, create holds the sender's row until the commit,
                // and a sender's uploads wait for each other there; the insert need not.
                long appended = audit.append(logged(order.event(), e, header, payloadSha256));
                envelopes.create(e); // counts it and holds the sender's row until the end
                checkQuota(envelopes.bytesStored(sender) - length, length);
                return appended;
              });
    } catch (RuntimeException failure) {
      try {
        blobs.delete(blob);
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
      throw failure;
    }
    return new Stored(e, entry);
  }

  /**
   * Refused before reading the body when the declared length is already over the limits; checked
   * again, exactly, before the envelope is recorded.
   */
  private void checkDeclared(Order order) {
    if (order.declaredLength() > policy.maxUploadBytes()) {
      throw tooLarge();
    }
    checkQuota(envelopes.bytesStored(order.sender()), Math.max(0, order.declaredLength()));
  }

  private static long transfer(InputStream in, WritableByteChannel out) throws IOException {
    if (in instanceof io.valise.server.http.RequestBody body) {
      return body.transferTo(out, Long.MAX_VALUE, Intake::tooLarge);
    }
    if (in instanceof Chunks chunks) {
      return chunks.transferTo(out);
    }
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(chunk)) > 0; ) {
      ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
      while (b.hasRemaining()) {
        out.write(b);
      }
      total += n;
    }
    return total;
  }

  private static AuditEvent.Builder logged(
      AuditEvent.Builder event, Envelope e, byte[] header, String payloadSha256) {
    return event
        .put("envelope", e.id().text())
        .put("sender", e.sender().text())
        .put("recipients", String.join(" ", e.recipients().stream().map(AccountId::text).toList()))
        .put("size", e.payloadLength())
        .put("headerSha256", HexFormat.of().formatHex(DigestingChannel.sha256().digest(header)))
        .put("payloadSha256", payloadSha256)
        .put("expiresAt", e.expiresAt())
        .put("maxDownloads", e.maxDownloads() == null ? null : Long.valueOf(e.maxDownloads()));
  }

  /** The refusal of an upload over {@link EnvelopePolicy#maxUploadBytes()}. */
  public static ApiException tooLarge() {
    return new ApiException.TooLarge("The upload is larger than the policy allows");
  }

  /**
   * Refuses {@code adding} more bytes if the sender's stored envelopes ({@code used} payload bytes)
   * would then exceed the quota. Made again inside the creating transaction, after the envelope was
   * counted with the sender's row held, so the check is exact on both databases; a refusal there
   * rolls the envelope and its count back.
   */
  private void checkQuota(long used, long adding) {
    long limit = policy.quotaBytesPerAccount();
    if (used + adding > limit) {
      throw new ApiException.TooLarge(
          "quota_exceeded",
          "Quota exceeded: %d bytes stored by this sender, %d more asked, limit %d"
              .formatted(used, adding, limit));
    }
  }

  /** A channel that refuses, before writing, the byte that would go over {@code limit}. */
  private static final class Limited implements WritableByteChannel {
    private final WritableByteChannel out;
    private long left;

    Limited(WritableByteChannel out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (src.remaining() > left) {
        throw tooLarge();
      }
      int n = out.write(src);
      left -= n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return out.isOpen();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
