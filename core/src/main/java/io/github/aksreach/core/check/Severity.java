package io.github.aksreach.core.check;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad a finding is. Ordered: {@code INFO < WARNING < ERROR}.
 *
 * <pre>{@code
 * Severity.WARNING.isAtLeast(Severity.INFO);   // true
 * Severity.parse("error");                     // Optional[ERROR]
 * }</pre>
 */
public enum Severity {
  /** Worth knowing; nothing is broken (a trade-off, a number). */
  INFO,
  /** Probably wrong, or fragile: works today but breaks under a plausible change. */
  WARNING,
  /** Wrong: traffic that should pass is dropped, or traffic that should not pass gets through. */
  ERROR;

  /** Whether this severity is {@code other} or worse. */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** The lower-case name ({@code "warning"}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code info}, {@code warning} or {@code error}, ignoring case. */
  public static Optional<Severity> parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
