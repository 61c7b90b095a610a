package io.valise.server.api.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.server.envelope.EnvelopePolicy;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/policy}, for any session or API token: the default and longest expiry as ISO-8601
 * durations, the largest upload, the quota per account, and whether a second factor is required.
 * The web app offers expiry choices within these and says why an upload is too large before sending
 * it; the server enforces them either way.
 */
public final class PolicyRoutes {
  private final EnvelopePolicy policy;
  private final boolean requireSecondFactor;

  public PolicyRoutes(EnvelopePolicy policy, boolean requireSecondFactor) {
    this.policy = policy;
    this.requireSecondFactor = requireSecondFactor;
  }

  public List<Route> routes() {
    return List.of(new Route("GET", "/api/policy", Access.ANY_CREDENTIAL, this::policy));
  }

  private void policy(Exchange ex) throws IOException {
    ObjectNode out = Json.object();
    out.put("expiryDefault", iso(policy.defaultExpiry()));
    out.put("expiryMax", iso(policy.maxExpiry()));
    out.put("maxUploadBytes", policy.maxUploadBytes());
    out.put("quotaBytesPerAccount", policy.quotaBytesPerAccount());
    out.put("secondFactorRequired", requireSecondFactor);
    ex.json(200, out);
  }

  /**
   * ISO-8601 with whole days as days ({@code P7D}, not {@code PT168H} as {@link Duration#toString}
   * writes them), anything else as hours, minutes and seconds ({@code PT12H}, {@code P1DT12H}).
   */
  static String iso(Duration d) {
    long days = d.toDays();
    Duration rest = d.minusDays(days);
    if (rest.isZero()) {
      return "P" + days + "D";
    }
    String time = rest.toString(); // PT...
    return days == 0 ? time : "P" + days + "D" + time.substring(1);
  }
}
