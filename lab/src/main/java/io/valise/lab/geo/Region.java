package io.valise.lab.geo;

/**
 * A region of France with its regional health agency.
 *
 * @param code the INSEE region code ("11" Île-de-France ... "06" Mayotte)
 * @param name the region's name
 * @param arsCode Valise's name for the agency's recipient group, such as {@code ars-idf}
 * @param arsName the agency's name, such as "ARS Île-de-France"
 */
public record Region(String code, String name, String arsCode, String arsName) {}
