package io.valise.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Explicit routing: a list of routes matched segment by segment, no scanning, no annotations. */
public final class Router {
  private final List<Route> routes;

  public Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /** Every registered route, for the OpenAPI check. */
  public List<Route> routes() {
    return routes;
  }

  /** The outcome of a lookup: a route with its path parameters, or why there is none. */
  record Match(@Nullable Route route, Map<String, String> params, boolean pathExists) {}

  Match match(String method, String path) {
    List<String> segments = split(path);
    boolean pathExists = false;
    for (Route r : routes) {
      Map<String, String> params = bind(r.segments(), segments);
      if (params != null) {
        pathExists = true;
        if (r.method().equals(method)) {
          return new Match(r, params, true);
        }
      }
    }
    return new Match(null, Map.of(), pathExists);
  }

  private static @Nullable Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), path.get(i));
      } else if (!t.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
