package io.valise.lab.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built audit entries, in log order, with times as hours after a fixed start. */
final class Log {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  final List<Map<String, String>> entries = new ArrayList<>();

  static Instant at(int hour) {
    return T0.plusSeconds(3600L * hour);
  }

  Log add(String type, int hour, String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("v", "1");
    m.put("type", type);
    m.put("time", at(hour).toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    entries.add(m);
    return this;
  }

  Log account(String id, String name) {
    return add("account.create", 0, "account", id, "accountName", name, "via", "admin-cli");
  }

  /** An upload by {@code senderId}, kept until {@code expiresHour}. */
  Log upload(int hour, String envelope, String senderId, String recipients, int expiresHour) {
    return add(
        "envelope.upload",
        hour,
        "actor",
        senderId,
        "envelope",
        envelope,
        "sender",
        senderId,
        "recipients",
        recipients,
        "expiresAt",
        at(expiresHour).toString(),
        "via",
        "token");
  }

  Log sftpUpload(int hour, String envelope, String senderId, String recipients, String ingress) {
    return add(
        "envelope.upload",
        hour,
        "actor",
        senderId,
        "envelope",
        envelope,
        "sender",
        senderId,
        "recipients",
        recipients,
        "expiresAt",
        at(hour + 24 * 7).toString(),
        "ingress",
        ingress,
        "via",
        "sftp");
  }

  Log download(int hour, String envelope, String actorId, String actorName) {
    return add(
        "envelope.download",
        hour,
        "actor",
        actorId,
        "actorName",
        actorName,
        "envelope",
        envelope,
        "range",
        "all",
        "via",
        "session");
  }

  Log linkDownload(int hour, String envelope, String link) {
    return add(
        "envelope.download",
        hour,
        "envelope",
        envelope,
        "link",
        link,
        "range",
        "all",
        "via",
        "link");
  }

  Log purge(int hour, String envelope) {
    return add("envelope.purge", hour, "envelope", envelope, "reason", "expired", "via", "server");
  }

  Assessment assess(Window w, Compromise c) throws IncidentException {
    ExposureAssessor a = new ExposureAssessor(w, c);
    for (Map<String, String> e : entries) {
      a.accept(e);
    }
    return a.finish();
  }
}
