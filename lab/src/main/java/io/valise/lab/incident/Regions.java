package io.valise.lab.incident;

import io.valise.lab.geo.Geography;
import io.valise.lab.geo.Region;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region of a recipient group: an ARS group ({@code ars-idf}...) is its region's agency; any
 * other group (the CPAM, a statistics recipient) says nothing about where its people live.
 */
public final class Regions {
  /** The label of people found only in groups that are not a regional agency. */
  public static final String UNKNOWN = "region unknown";

  private final Map<String, String> byGroup = new HashMap<>();

  private Regions() {}

  /** France's 18 regions and their ARS groups ({@link Geography#france()}). */
  public static Regions france() {
    Regions r = new Regions();
    for (Region region : Geography.france().regions()) {
      r.byGroup.put(region.arsCode(), region.name());
    }
    return r;
  }

  /** The region name of {@code group}, empty if the group is not an ARS. */
  public Optional<String> of(String group) {
    return Optional.ofNullable(byGroup.get(group));
  }
}
