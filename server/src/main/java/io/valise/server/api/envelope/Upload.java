package io.valise.server.api.envelope;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.envelope.EnvelopePolicy;
import io.valise.server.envelope.Intake;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An upload over HTTP: reads the recipients, expiry, download limit and sealed metadata from the
 * request, then hands the body to the {@link Intake}, which stores it whole or not at all.
 */
final class Upload {
  static final int MAX_METADATA_BYTES = 8 * 1024;

  private final NameResolver names;
  private final EnvelopePolicy policy;
  private final Intake intake;
  private final Audit audit;

  Upload(NameResolver names, Intake intake, Audit audit) {
    this.names = names;
    this.policy = intake.policy();
    this.intake = intake;
    this.audit = audit;
  }

  Intake.Stored store(Exchange ex) throws IOException {
    List<AccountId> recipients = names.resolve(ex.query("to"));
    Duration ttl = expiry(ex.query("expires"));
    Integer maxDownloads = maxDownloads(ex.query("maxDownloads"));
    OpaqueBytes metadata = metadata(ex.header("Valise-Metadata"));
    Intake.Order order =
        new Intake.Order(
            ex.principal().account(),
            recipients,
            ttl,
            maxDownloads,
            () -> metadata,
            ex.contentLength(),
            audit.event(ex, "envelope.upload"));
    return intake.store(order, ex.body());
  }

  private Duration expiry(@Nullable String text) {
    if (text == null) {
      return policy.defaultExpiry();
    }
    if (text.equals("max")) {
      return policy.maxExpiry(); // for records kept as long as policy allows (lab manifests)
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
