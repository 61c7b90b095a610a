package io.valise.server.api.envelope;

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
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.RequestBody;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stores one uploaded age file: checks the header is well-formed age, streams the payload into a
 * staged blob, checks the payload's length is one an age payload can have, commits the blob (fsync,
 * rename), then the envelope and its recipients in one transaction. On any failure the blob is
 * aborted or deleted, so nothing partial remains.
 */
final class Upload {
  static final int MAX_METADATA_BYTES = 8 * 1024;

  private final NameResolver names;
  private final EnvelopeRepository envelopes;
  private final Transactions transactions;
  private final BlobStore blobs;
  private final EnvelopePolicy policy;
  private final Clock clock;
  private final SecureRandom random;
  private final Audit audit;

  /** A stored envelope and the pending id of its audit entry. */
  record Stored(Envelope envelope, long auditEntry) {}

  Upload(
      NameResolver names,
      EnvelopeRepository envelopes,
      Transactions transactions,
      BlobStore blobs,
      EnvelopePolicy policy,
      Clock clock,
      SecureRandom random,
      Audit audit) {
    this.names = names;
    this.envelopes = envelopes;
    this.transactions = transactions;
    this.blobs = blobs;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.audit = audit;
  }

  Stored store(Exchange ex) throws IOException {
    List<AccountId> recipients = names.resolve(ex.query("to"));
    Duration ttl = expiry(ex.query("expires"));
    Integer maxDownloads = maxDownloads(ex.query("maxDownloads"));
    OpaqueBytes metadata = metadata(ex.header("Valise-Metadata"));
    if (ex.contentLength() > policy.maxUploadBytes()) {
      throw tooLarge();
    }
    AccountId sender = ex.principal().account();
    // Refused before reading the body when the declared length is already over the quota; checked
    // again, exactly, before the envelope is recorded.
    checkQuota(envelopes.bytesStored(sender), Math.max(0, ex.contentLength()));
    RequestBody in = ex.body();
    byte[] header = Header.parse(in).encode();
    BlobId blob = BlobId.random(random);
    long length;
    String payloadSha256;
    try (BlobStore.Staged staged = blobs.stage(blob)) {
      DigestingChannel payload = new DigestingChannel(staged.channel());
      length = in.transferTo(payload, policy.maxUploadBytes() - header.length, Upload::tooLarge);
      payloadSha256 = payload.hex();
      Payload.plaintextLength(length);
      staged.commit();
    }
    // The store keeps milliseconds; answer with what it will give back later.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            sender,
            now,
            now.plus(ttl),
            maxDownloads,
            0,
            blob,
            length,
            OpaqueBytes.of(header),
            metadata,
            recipients);
    long entry;
    try {
      entry =
          transactions.inTransaction(
              () -> {
                envelopes.create(e); // counts it and holds the sender's row until the end
                checkQuota(envelopes.bytesStored(sender) - length, length);
                return audit.append(logged(ex, e, header, payloadSha256));
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

  private AuditEvent.Builder logged(Exchange ex, Envelope e, byte[] header, String payloadSha256) {
    return audit
        .event(ex, "envelope.upload")
        .put("envelope", e.id().text())
        .put("sender", e.sender().text())
        .put("recipients", String.join(" ", e.recipients().stream().map(AccountId::text).toList()))
        .put("size", e.payloadLength())
        .put("headerSha256", HexFormat.of().formatHex(DigestingChannel.sha256().digest(header)))
        .put("payloadSha256", payloadSha256)
        .put("expiresAt", e.expiresAt())
        .put("maxDownloads", e.maxDownloads() == null ? null : Long.valueOf(e.maxDownloads()));
  }

  private static ApiException tooLarge() {
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

  private Duration expiry(@Nullable String text) {
    if (text == null) {
      return policy.defaultExpiry();
    }
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_expiry", e.getMessage() + "");
    }
    if (d.compareTo(policy.maxExpiry()) > 0) {
      throw new ApiException.BadRequest(
          "expiry_too_long", "Expiry is at most " + policy.maxExpiry().toDays() + " days");
    }
    return d;
  }

  private static @Nullable Integer maxDownloads(@Nullable String text) {
    if (text == null) {
      return null;
    }
    if (!text.matches("[1-9][0-9]{0,5}")) {
      throw new ApiException.BadRequest(
          "bad_max_downloads", "maxDownloads must be a whole number from 1 to 999999");
    }
    return Integer.valueOf(text);
  }

  private static OpaqueBytes metadata(@Nullable String header) {
    if (header == null) {
      return OpaqueBytes.of(new byte[0]);
    }
    byte[] b;
    try {
      b = Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_metadata", "Valise-Metadata must be base64");
    }
    if (b.length > MAX_METADATA_BYTES) {
      throw new ApiException.BadRequest("bad_metadata", "Metadata is at most 8 KiB");
    }
    return OpaqueBytes.of(b);
  }

  static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
