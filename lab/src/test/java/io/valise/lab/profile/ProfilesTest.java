package io.valise.lab.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesTest {
  private static final Geography GEO = Geography.france();

  static Profiles parse(String text) throws Exception {
    return Profiles.parse(new StringReader(text), "p.ini", GEO);
  }

  @Test
  void theDefaultsSendWhatTheIssueAsks() {
    Profile daily = Profiles.defaults(GEO).get("covid-daily").orElseThrow();
    assertEquals(
        List.of("ars", "cpam", "stats"), daily.outputs().stream().map(Output::name).toList());
    Output ars = daily.outputs().get(0);
    assertTrue(ars.byRegion());
    assertTrue(ars.positiveOnly());
    assertEquals(
        List.of(
            "nir",
            "birth_name",
            "first_names",
            "birth_date",
            "sex",
            "address",
            "postcode",
            "commune",
            "phone",
            "email",
            "sampled_at",
            "result",
            "lab_finess"),
        ars.headers());
    Output cpam = daily.outputs().get(1);
    assertEquals("cpam", cpam.to());
    assertFalse(cpam.positiveOnly());
    assertTrue(cpam.headers().contains("prescriber_rpps"));
    assertFalse(cpam.headers().contains("phone"));
    Output stats = daily.outputs().get(2);
    assertEquals("sante-publique-stats", stats.to());
    assertEquals(
        List.of("nir_hash", "age_band", "sex", "department", "sampled_week", "result", "loinc"),
        stats.headers());
    assertEquals(
        Set.of(Category.NIR, Category.IDENTITY, Category.CONTACT, Category.HEALTH_RESULT),
        stats.categories());
    assertTrue(Profiles.defaults(GEO).get("covid-tracing").isPresent());
  }

  @Test
  void continuationLinesCommentsAndOrder() throws Exception {
    Profiles p =
        parse(
            """
            # a comment
            [profile one]
            outputs = o

            [output o]
            to = some.group
            records = all
            fields = result,
              loinc ,	sex
            """);
    Output o = p.get("one").orElseThrow().outputs().getFirst();
    assertEquals(List.of(Field.RESULT, Field.LOINC, Field.SEX), o.fields());
    assertEquals("some.group", o.to());
    assertTrue(p.get("two").isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[output o]\\nto = g\\nrecords = all\\nfields = nir\\ncolour = red|p.ini line 5: unknown key [colour] in [output o]: use to, records, fields",
        "[output o]\\nto = g\\nrecords = all\\nfields = nir, shoe_size|p.ini line 4: unknown field [shoe_size]",
        "[output o]\\nto = g\\nrecords = some\\nfields = nir|p.ini line 3: records must be all or positive",
        "[output o]\\nto = G!\\nrecords = all\\nfields = nir|p.ini line 2: to must be @region-ars or a group name",
        "[output o]\\nto = ars-idf\\nrecords = all\\nfields = nir|p.ini line 2: ars-idf is a regional ARS group",
        "[output o]\\nto = g\\nrecords = all|p.ini line 1: [output o] needs fields = ...",
        "[output o]\\nto = g\\nto = h\\nrecords = all\\nfields = nir|p.ini line 3: to twice in [output o]",
        "[output o]\\nto = g\\nrecords = all\\nfields = nir, nir|p.ini line 4: field nir twice",
        "[output o]\\nto = g\\nrecords = all\\nfields = nir,,sex|p.ini line 4: fields: empty item in the list",
        "to = g|p.ini line 1: KEY = VALUE before any [section]",
        "[outputs o]|p.ini line 1: a section is [output NAME] or [profile NAME]",
        "[output O]|p.ini line 1: a name is lower-case letters, digits and hyphens, not [O]",
        "[output o]\\njust words|p.ini line 2: expected KEY = VALUE or [SECTION]",
        "'  indented'|p.ini line 1: indented line continues no value",
        "[profile p]\\noutputs = nope|p.ini line 2: no [output nope] section",
      })
  void refusalsNameTheLine(String text, String message) {
    String file = text.replace("\\n", "\n") + "\n";
    String withProfile = file.startsWith("[output o]") ? file + "[profile p]\noutputs = o\n" : file;
    ProfileException e = assertThrows(ProfileException.class, () -> parse(withProfile));
    assertTrue(String.valueOf(e.getMessage()).startsWith(message), e.getMessage());
  }

  @Test
  void profileLevelRefusals() {
    String outputs =
        """
        [output a]
        to = g
        records = all
        fields = nir
        [output b]
        to = g
        records = positive
        fields = sex
        [output r1]
        to = @region-ars
        records = all
        fields = nir
        [output r2]
        to = @region-ars
        records = all
        fields = sex
        """;
    assertMessage(
        outputs + "[profile p]\noutputs = a, b, r1, r2\n", "p.ini line 18: two outputs go to g");
    assertMessage(
        outputs + "[profile p]\noutputs = r1, r2\n",
        "p.ini line 18: two outputs go to @region-ars");
    assertMessage(outputs + "[profile p]\noutputs = a, a\n", "p.ini line 18: output a twice");
    assertMessage(
        outputs + "[profile p]\noutputs = a, r1\n[profile q]\noutputs = r2\n",
        "p.ini line 5: output [b] is in no profile's outputs");
    assertMessage("# nothing\n", "p.ini: no [profile NAME] section");
    assertMessage("[profile p]\noutputs = \n", "p.ini line 1: [profile p] needs outputs = ...");
    assertMessage("[profile p]\n[profile p]\n", "p.ini line 2: [profile p] twice");
  }

  private static void assertMessage(String text, String message) {
    ProfileException e = assertThrows(ProfileException.class, () -> parse(text));
    assertTrue(String.valueOf(e.getMessage()).startsWith(message), e.getMessage());
  }
}
