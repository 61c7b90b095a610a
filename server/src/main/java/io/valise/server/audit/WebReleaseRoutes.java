package io.valise.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.core.audit.WebReleaseRepository;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import io.valise.web.WebBundle;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What anyone needs to check the web app a server serves (docs/api.md, "Web releases"), public: the
 * release it serves, {@code GET /api/web/release} (bundle hash, every file with its media type and
 * SHA-256, and the index of the {@code web.release} entry that published it), and that entry with
 * its proof, {@code GET /api/audit/web-releases/{index}}, in the form of an upload receipt. Only
 * {@code web.release} entries are served here: other entries name accounts and addresses.
 */
public final class WebReleaseRoutes {
  private static final String TYPE = "web.release";

  private final WebBundle bundle;
  private final WebReleaseRepository releases;
  private final AuditRepository log;
  private final Receipts receipts;

  public WebReleaseRoutes(
      WebBundle bundle, WebReleaseRepository releases, AuditRepository log, Receipts receipts) {
    this.bundle = bundle;
    this.releases = releases;
    this.log = log;
    this.receipts = receipts;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/web/release", Access.PUBLIC, this::release),
        new Route("GET", "/api/audit/web-releases/{index}", Access.PUBLIC, this::entry));
  }

  private void release(Exchange ex) throws Exception {
    ObjectNode out = Json.object();
    out.put("bundle", bundle.hash());
    ArrayNode files = out.putArray("files");
    for (String path : bundle.paths()) {
      WebBundle.Asset a = bundle.asset(path).orElseThrow();
      files.addObject().put("path", path).put("type", a.contentType()).put("sha256", a.sha256());
    }
    OptionalLong pending = releases.entryOf(bundle.hash());
    Optional<ObjectNode> receipt =
        pending.isEmpty()
            ? Optional.empty()
            : receipts.poll(() -> log.sequenced(pending.getAsLong()));
    if (receipt.isPresent()) {
      out.putObject("entry").put("index", receipt.get().get("index").asLong());
    } else {
      out.putNull("entry"); // the log is off, or not sequenced yet: ask again
    }
    ex.responseHeader("Cache-Control", "no-cache");
    ex.json(200, out);
  }

  private void entry(Exchange ex) throws Exception {
    String text = ex.param("index");
    if (!text.matches("[0-9]{1,18}")) {
      throw notARelease();
    }
    long index = Long.parseLong(text);
    Optional<Indexed> found = log.entries(index, index + 1).stream().findFirst();
    if (found.isEmpty() || found.get().index() != index || !isRelease(found.get())) {
      throw notARelease();
    }
    ObjectNode receipt =
        receipts
            .poll(() -> found)
            .orElseThrow(
                () ->
                    new ApiException.NotFound(
                        "not_sequenced", "The entry is not in a signed checkpoint yet; ask again"));
    ex.json(200, receipt);
  }

  private static boolean isRelease(Indexed e) {
    JsonNode entry = Json.readTrusted(e.entry().toByteArray());
    JsonNode type = entry.get("type");
    return type != null && TYPE.equals(type.asText());
  }

  private static ApiException notARelease() {
    return new ApiException.NotFound("No web release entry at that index");
  }
}
