package io.valise.lab.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.lab.geo.Geography;
import io.valise.lab.record.Column;
import io.valise.lab.record.LabRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
  private static final Geography GEO = Geography.france();
  private static final Output ARS = new Output("ars", Output.REGION_ARS, true, List.of(Field.NIR));
  private static final Output CPAM = new Output("cpam", "cpam", false, List.of(Field.NIR));

  private static LabRecord record(String department, String result) {
    return LabRecord.of(2, Map.of(Column.DEPARTMENT, department, Column.RESULT, result));
  }

  @ParameterizedTest
  @CsvSource({
    "75,ars-idf",
    "93,ars-idf",
    "69,ars-ara",
    "13,ars-paca",
    "2A,ars-corse",
    "2B,ars-corse",
    "971,ars-guadeloupe",
    "972,ars-martinique",
    "973,ars-guyane",
    "974,ars-reunion",
    "976,ars-mayotte",
    "29,ars-bretagne",
  })
  void aPositiveGoesToTheArsOfItsRegionAndToTheCpam(String department, String group) {
    assertEquals(Optional.of(group), ARS.route(record(department, "positive"), GEO));
    assertEquals(Optional.of("cpam"), CPAM.route(record(department, "positive"), GEO));
  }

  @Test
  void aNegativeGoesOnlyWhereAllRecordsGo() {
    assertEquals(Optional.empty(), ARS.route(record("75", "negative"), GEO));
    assertEquals(Optional.empty(), ARS.route(record("75", "inconclusive"), GEO));
    assertEquals(Optional.of("cpam"), CPAM.route(record("75", "negative"), GEO));
  }

  @Test
  void everyDepartmentHasAnArs() {
    assertEquals(101, GEO.departments().size());
    GEO.departments()
        .forEach(
            d ->
                assertEquals(
                    Optional.of(d.region().arsCode()),
                    ARS.route(record(d.code(), "positive"), GEO)));
  }
}
