package io.valise.lab.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The departments, regions and places of France, read once from {@code regions.csv}, {@code
 * departments.csv} and {@code places.csv} beside this class. Immutable and shared.
 */
public final class Geography {
  private static final class Holder {
    static final Geography INSTANCE = load();
  }

  private final Map<String, Region> regions;
  private final Map<String, Department> departments;
  private final Map<String, List<Place>> places;

  private Geography(
      Map<String, Region> regions,
      Map<String, Department> departments,
      Map<String, List<Place>> places) {
    this.regions = regions;
    this.departments = departments;
    this.places = places;
  }

  /** The shared instance. */
  public static Geography france() {
    return Holder.INSTANCE;
  }

  /** All 18 regions, in file order. */
  public List<Region> regions() {
    return List.copyOf(regions.values());
  }

  /** All 101 departments, in file order (01 ... 95, 971 ... 976). */
  public List<Department> departments() {
    return List.copyOf(departments.values());
  }

  /** The department with INSEE code {@code code} (2A, 2B and 971-976 included). */
  public Optional<Department> department(String code) {
    return Optional.ofNullable(departments.get(code));
  }

  /** The real places (postcode and commune) known in {@code department}. */
  public List<Place> places(Department department) {
    return places.getOrDefault(department.code(), List.of());
  }

  /**
   * The department a postcode belongs to. The first two digits are the department, except: Corsica
   * (20xxx) where 200xx and 201xx are Corse-du-Sud (2A) and 202xx to 206xx Haute-Corse (2B);
   * overseas (97xxx) where the first three digits are the department (971-974, 976;
   * Saint-Barthélemy 97133 and Saint-Martin 97150 share Guadeloupe's 971). Postcodes of Monaco and
   * the Pacific (98xxx), Saint-Pierre-et-Miquelon (975xx) and anything not five digits have no
   * department.
   *
   * <p>A few postcodes straddle a border (one post office serving communes of two departments):
   * this rule gives the department of the office, which is right for almost every address.
   */
  public Optional<Department> departmentOfPostcode(String postcode) {
    if (postcode.length() != 5 || !postcode.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    String two = postcode.substring(0, 2);
    String code =
        switch (two) {
          case "20" -> {
            int third = postcode.charAt(2) - '0';
            yield third <= 1 ? "2A" : third <= 6 ? "2B" : "";
          }
          case "97" -> postcode.substring(0, 3);
          default -> two;
        };
    return department(code);
  }

  private static Geography load() {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (String[] r : rows("regions.csv", 4)) {
      regions.put(r[0], new Region(r[0], r[1], r[2], r[3]));
    }
    Map<String, Department> departments = new LinkedHashMap<>();
    for (String[] d : rows("departments.csv", 4)) {
      Region region = regions.get(d[2]);
      if (region == null) {
        throw new IllegalStateException("departments.csv: unknown region " + d[2]);
      }
      departments.put(d[0], new Department(d[0], d[1], region, Integer.parseInt(d[3])));
    }
    Map<String, List<Place>> places = new LinkedHashMap<>();
    for (String[] p : rows("places.csv", 3)) {
      Department d = departments.get(p[0]);
      if (d == null) {
        throw new IllegalStateException("places.csv: unknown department " + p[0]);
      }
      places.computeIfAbsent(p[0], k -> new ArrayList<>()).add(new Place(d, p[1], p[2]));
    }
    places.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return new Geography(
        Collections.unmodifiableMap(regions),
        Collections.unmodifiableMap(departments),
        Collections.unmodifiableMap(places));
  }

  /** The data lines of a resource: no comments (#), no header, exactly {@code columns} fields. */
  private static List<String[]> rows(String name, int columns) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = Geography.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(name + ": expected " + columns + " fields: " + line);
        }
        rows.add(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
