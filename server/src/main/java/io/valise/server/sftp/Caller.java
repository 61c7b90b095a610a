package io.valise.server.sftp;

import io.valise.core.audit.AuditEvent;
import io.valise.server.audit.Audit;
import io.valise.server.http.Principal;
import java.net.InetAddress;

/**
 * Who an SFTP session belongs to: the account its key logged in, the client's address, and the
 * key's fingerprint, which every audit entry of the session carries.
 */
record Caller(Principal principal, InetAddress from, String fingerprint) {
  /** {@code via} of the gateway's audit entries. */
  static final String VIA = "sftp";

  AuditEvent.Builder event(Audit audit, String type) {
    return audit.event(type, principal, from, VIA).put("sshKey", fingerprint);
  }
}
