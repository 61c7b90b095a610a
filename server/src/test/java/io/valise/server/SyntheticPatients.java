package io.valise.server;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV of made-up patients that looks like a lab's COVID-19 export: names, social security numbers
 * (NIR) with valid keys, phone numbers. Every sensitive value is also returned on its own, so a
 * test can look for it byte for byte.
 */
final class SyntheticPatients {
  private static final String[] SURNAMES = {
    "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Michel", "Garnier", "Rousseau",
    "Fontaine", "Chevalier", "Robineau", "Boucher", "Gauthier", "Lemaire", "Mercier", "Faucheux",
    "Brunetiere", "Vasseur", "Delacroix", "Marchand", "Perrault", "Tessier", "Lemoigne"
  };
  private static final String[] FIRST_NAMES = {
    "Amélie", "Baptiste", "Céline", "Dominique", "Étienne", "Françoise", "Guillaume", "Hélène",
    "Isabelle", "Jérôme", "Laurence", "Mathilde", "Nathalie", "Océane", "Pascale", "Thibault"
  };

  private final byte[] csv;
  private final List<String> sensitive;

  private SyntheticPatients(byte[] csv, List<String> sensitive) {
    this.csv = csv;
    this.sensitive = List.copyOf(sensitive);
  }

  /** The CSV file, UTF-8. */
  byte[] csv() {
    return csv.clone();
  }

  /** Each distinct sensitive value, as it appears in the CSV. */
  List<String> sensitive() {
    return sensitive;
  }

  static SyntheticPatients generate(int rows, SecureRandom random) {
    StringBuilder csv = new StringBuilder("nom;prenom;nir;telephone;examen;resultat\n");
    Set<String> sensitive = new LinkedHashSet<>();
    for (int i = 0; i < rows; i++) {
      String surname = SURNAMES[random.nextInt(SURNAMES.length)];
      String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
      String nir = nir(random);
      String phone = "0" + (6 + random.nextInt(2)) + digits(random, 8);
      csv.append(surname)
          .append(';')
          .append(first)
          .append(';')
          .append(nir)
          .append(';')
          .append(phone)
          .append(";94500-6;")
          .append(random.nextBoolean() ? "POSITIF" : "NEGATIF")
          .append('\n');
      // Surname and first name together as the CSV holds them: the identity of a row. Each is
      // also long enough (6 bytes and more) that random ciphertext cannot match it by chance.
      sensitive.add(surname + ";" + first);
      sensitive.add(surname);
      sensitive.add(first);
      sensitive.add(nir);
      sensitive.add(phone);
    }
    return new SyntheticPatients(
        csv.toString().getBytes(StandardCharsets.UTF_8), new ArrayList<>(sensitive));
  }

  /** A 15-digit NIR: sex, year, month, department, commune, order, then the mod-97 key. */
  static String nir(SecureRandom random) {
    String body =
        (1 + random.nextInt(2))
            + two(random.nextInt(100))
            + two(1 + random.nextInt(12))
            + two(1 + random.nextInt(95))
            + digits(random, 3)
            + digits(random, 3);
    long key = 97 - Long.parseLong(body) % 97;
    return body + two((int) key);
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String digits(SecureRandom random, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }
}
