package io.valise.lab.profile;

import java.util.List;

/** A named set of outputs sent together, such as {@code covid-daily}. */
public record Profile(String name, List<Output> outputs) {
  public Profile {
    outputs = List.copyOf(outputs);
  }
}
