package io.github.aksreach.core.model;

import io.vavr.control.Validation;
import java.util.Locale;

/**
 * An IP protocol, by IANA number. Names parse case-insensitively, since real dumps print {@code Tcp} and {@code TCP}.
 *
 * <pre>{@code
 * Protocol.parse("Tcp").orElseThrow();    // TCP
 * Protocol.TCP.number();          // 6
 * Protocol.parse("gre").isInvalid();   // true: not a protocol aksreach models
 * }</pre>
 */
public enum Protocol {
  ICMP(1),
  TCP(6),
  UDP(17),
  ESP(50),
  AH(51),
  ICMPV6(58),
  SCTP(132);

  private final int number;

  Protocol(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** The protocol with this IANA number, if modelled. */
  public static java.util.Optional<Protocol> byNumber(int n) {
    for (Protocol p : values()) {
      if (p.number == n) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether flows of this protocol carry ports. */
  public boolean hasPorts() {
    return this == TCP || this == UDP || this == SCTP;
  }

  public static Parsed<Protocol> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, Protocol> parseResult(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (Protocol p : values()) {
      if (p.name().equals(t)) {
        return Validation.valid(p);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid protocol '%s': expected one of TCP, UDP, ICMP, ESP, AH, ICMPV6, SCTP", text));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
