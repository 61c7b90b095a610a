package io.valise.lab.geo;

/**
 * A French department.
 *
 * @param code the INSEE code: 01-95 with 2A and 2B, or 971-976
 * @param name its name
 * @param region its region
 * @param populationThousands its population in thousands (rounded; weights synthetic data)
 */
public record Department(String code, String name, Region region, int populationThousands) {}
