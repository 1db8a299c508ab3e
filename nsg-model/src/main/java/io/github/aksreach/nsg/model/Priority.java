package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * The priority of a security rule: a lower number wins.
 *
 * <pre>{@code
 * Priority.of(300);                         // a custom rule
 * Priority.parse(5000).getError().message();
 * // "priority 5000 is out of range 100-4096"
 * Priority.of(65500).isDefaultRule();       // true: the priorities of Azure's default rules are accepted too
 * }</pre>
 *
 * <p>Important note: custom rules use 100-4096, unique per NSG and direction; Azure's default rules keep 65000,
 * 65001 and 65500, which no custom rule can use.
 *
 * @param value the number
 */
public record Priority(int value) implements Comparable<Priority> {
  public static final int MIN = 100;
  public static final int MAX = 4096;

  public Priority {
    if (!(value >= MIN && value <= MAX) && !isDefault(value)) {
      throw new InvalidModelException(String.format("priority %d is out of range %d-%d", value, MIN, MAX));
    }
  }

  /** The priority {@code value}, throwing {@link InvalidModelException} when it is out of range. */
  public static Priority of(int value) {
    return new Priority(value);
  }

  /** A custom rule's priority (100-4096), as a validation. */
  public static Parsed<Priority> parse(long value) {
    return Parsed.of(parseResult(value));
  }

  private static Validation<ModelError, Priority> parseResult(long value) {
    if (value < MIN || value > MAX) {
      return Validation.invalid(ModelError.of("priority %d is out of range %d-%d", value, MIN, MAX));
    }
    return Validation.valid(new Priority((int) value));
  }

  /** A default rule's priority (65000, 65001 or 65500), as a validation. */
  public static Parsed<Priority> parseDefault(long value) {
    return Parsed.of(parseDefaultResult(value));
  }

  private static Validation<ModelError, Priority> parseDefaultResult(long value) {
    if (value > Integer.MAX_VALUE || !isDefault((int) value)) {
      return Validation.invalid(ModelError.of(
          "default rule priority %d is not one of Azure's 65000, 65001, 65500", value));
    }
    return Validation.valid(new Priority((int) value));
  }

  private static boolean isDefault(int v) {
    return v == 65000 || v == 65001 || v == 65500;
  }

  /** True for the priorities of Azure's default rules. */
  public boolean isDefaultRule() {
    return isDefault(value);
  }

  @Override
  public int compareTo(Priority o) {
    return Integer.compare(value, o.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
