package io.valise.lab.geo;

/** A real postcode and commune in a department. */
public record Place(Department department, String postcode, String commune) {}
