package io.github.aksreach.core.model;

import io.vavr.control.Validation;

/**
 * A closed range of TCP/UDP ports within 0-65535.
 *
 * <pre>{@code
 * PortRange.single(80);                    // 80
 * PortRange.of(10000, 10005);              // 10000-10005
 * PortRange.parse("*").orElseThrow();              // 0-65535, as Azure writes "any port"
 * PortRange.parse("80-70").getError().message();
 * // "invalid port range '80-70': start 80 is greater than end 70"
 * PortRange.parse("65536").getError().message();
 * // "invalid port '65536': out of range 0-65535"
 * }</pre>
 */
public record PortRange(int start, int end) {
  public static final int MAX = 65535;

  public PortRange {
    if (start < 0 || end > MAX || start > end) {
      throw new InvalidModelException(String.format("invalid port range '%d-%d'", start, end));
    }
  }

  public static PortRange single(int port) {
    return of(port, port);
  }

  public static PortRange of(int start, int end) {
    return new PortRange(start, end);
  }

  public static PortRange all() {
    return new PortRange(0, MAX);
  }

  /** Parses {@code "80"}, {@code "10000-10005"} or {@code "*"}. */
  public static Parsed<PortRange> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, PortRange> parseResult(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals("*")) {
      return Validation.valid(all());
    }
    int dash = t.indexOf('-');
    if (dash < 0) {
      return port(t, t).map(PortRange::single);
    }
    Validation<ModelError, Integer> a = port(t.substring(0, dash).trim(), t);
    Validation<ModelError, Integer> b = port(t.substring(dash + 1).trim(), t);
    if (a.isInvalid()) {
      return Validation.invalid(a.getError());
    }
    if (b.isInvalid()) {
      return Validation.invalid(b.getError());
    }
    if (a.get() > b.get()) {
      return Validation.invalid(ModelError.of(
          "invalid port range '%s': start %d is greater than end %d", t, a.get(), b.get()));
    }
    return Validation.valid(of(a.get(), b.get()));
  }

  private static Validation<ModelError, Integer> port(String p, String whole) {
    if (p.isEmpty() || p.length() > 9 || !IpAddress.allDigits(p)) {
      return Validation.invalid(ModelError.of("invalid port '%s': '%s' is not a number", whole, p));
    }
    int v = Integer.parseInt(p);
    if (v > MAX) {
      return Validation.invalid(ModelError.of("invalid port '%s': out of range 0-65535", whole));
    }
    return Validation.valid(v);
  }

  public boolean contains(int port) {
    return port >= start && port <= end;
  }

  @Override
  public String toString() {
    return start == end ? Integer.toString(start) : start + "-" + end;
  }
}
