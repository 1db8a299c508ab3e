package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.vavr.control.Validation;
import java.util.Locale;

/**
 * The protocol field of a security rule, as Azure spells it ({@code Tcp}, {@code Udp}, {@code Icmp}, {@code Esp},
 * {@code Ah}, {@code *}).
 *
 * <pre>{@code
 * NsgProtocol.parse("TCP").orElseThrow();              // TCP: parsed case-insensitively, REST samples print "TCP"
 * NsgProtocol.ANY.protocols().contains(50);    // true: "*" matches every IP protocol number
 * NsgProtocol.ICMP.protocols();                // icmp,icmpv6
 * }</pre>
 *
 * <p>Important notes: {@code *} is modelled as every IP protocol (0-255); the overview page's "Any encompasses TCP,
 * UDP and ICMP" is read as a list of examples, since ESP and AH rules exist too. {@code Icmp} is modelled as ICMP and
 * ICMPv6, because Azure has no separate ICMPv6 value (UNVERIFIED inference).
 */
public enum NsgProtocol {
  TCP("Tcp", ProtocolSet.of(Protocol.TCP)),
  UDP("Udp", ProtocolSet.of(Protocol.UDP)),
  ICMP("Icmp", ProtocolSet.of(Protocol.ICMP, Protocol.ICMPV6)),
  ESP("Esp", ProtocolSet.of(Protocol.ESP)),
  AH("Ah", ProtocolSet.of(Protocol.AH)),
  ANY("*", ProtocolSet.any());

  private final String azureName;
  private final ProtocolSet protocols;

  NsgProtocol(String azureName, ProtocolSet protocols) {
    this.azureName = azureName;
    this.protocols = protocols;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** The IP protocol numbers this value matches. */
  public ProtocolSet protocols() {
    return protocols;
  }

  /** Parses {@code Tcp|Udp|Icmp|Esp|Ah|*} (and {@code Any}), ignoring case. */
  public static Parsed<NsgProtocol> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NsgProtocol> parseResult(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equalsIgnoreCase("any")) {
      return Validation.valid(ANY);
    }
    for (NsgProtocol p : values()) {
      if (p.azureName.equalsIgnoreCase(t)) {
        return Validation.valid(p);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid protocol '%s': expected one of Tcp, Udp, Icmp, Esp, Ah, *", text));
  }

  @Override
  public String toString() {
    return azureName.toLowerCase(Locale.ROOT);
  }
}
