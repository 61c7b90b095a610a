package io.valise.lab.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeographyTest {
  private final Geography geo = Geography.france();

  @Test
  void hasEveryDepartmentOnce() {
    List<Department> all = geo.departments();
    assertEquals(101, all.size());
    Set<String> codes = new HashSet<>();
    all.forEach(d -> assertTrue(codes.add(d.code()), d.code()));
    for (int i = 1; i <= 95; i++) {
      String code = String.format(java.util.Locale.ROOT, "%02d", i);
      assertEquals(i != 20, codes.contains(code), code);
    }
    assertTrue(codes.containsAll(List.of("2A", "2B", "971", "972", "973", "974", "976")));
    assertFalse(codes.contains("975"), "Saint-Pierre-et-Miquelon is not a department");
  }

  @Test
  void hasEighteenRegionsEachWithItsOwnArs() {
    assertEquals(18, geo.regions().size());
    Set<String> ars = new HashSet<>();
    geo.regions().forEach(r -> assertTrue(ars.add(r.arsCode()), r.arsCode()));
    Set<Region> used = new HashSet<>();
    geo.departments().forEach(d -> used.add(d.region()));
    assertEquals(18, used.size(), "every region has a department");
  }

  @ParameterizedTest
  @CsvSource({
    "75,11,ars-idf",
    "93,11,ars-idf",
    "2A,94,ars-corse",
    "2B,94,ars-corse",
    "13,93,ars-paca",
    "59,32,ars-hdf",
    "90,27,ars-bfc",
    "974,04,ars-reunion",
    "976,06,ars-mayotte",
    "971,01,ars-guadeloupe"
  })
  void departmentToRegionAndArs(String dept, String region, String ars) {
    Department d = geo.department(dept).orElseThrow();
    assertEquals(region, d.region().code());
    assertEquals(ars, d.region().arsCode());
  }

  @ParameterizedTest
  @CsvSource({
    "75001,75",
    "01000,01",
    "20000,2A",
    "20090,2A",
    "20137,2A",
    "20167,2A",
    "20200,2B",
    "20250,2B",
    "20600,2B",
    "97100,971",
    "97133,971",
    "97150,971",
    "97200,972",
    "97310,973",
    "97400,974",
    "97615,976",
    "95000,95"
  })
  void postcodeToDepartment(String postcode, String dept) {
    assertEquals(dept, geo.departmentOfPostcode(postcode).orElseThrow().code());
  }

  @ParameterizedTest
  @CsvSource({
    "20700", "97500", "97700", "98000", "98800", "00100", "7500", "750011", "7500A", "96000"
  })
  void postcodesWithoutADepartment(String postcode) {
    assertTrue(geo.departmentOfPostcode(postcode).isEmpty(), postcode);
  }

  @Test
  void everyPlaceLiesInItsDepartmentByThePostcodeRule() {
    for (Department d : geo.departments()) {
      List<Place> places = geo.places(d);
      assertFalse(places.isEmpty(), d.code());
      for (Place p : places) {
        assertEquals(d, geo.departmentOfPostcode(p.postcode()).orElseThrow(), p.toString());
      }
    }
  }
}
