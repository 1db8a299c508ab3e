package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.vavr.control.Validation;

/**
 * The protocol of a load-balancing rule.
 *
 * <pre>{@code
 * LbProtocol.parse("All").orElseThrow();          // ALL (with frontend and backend port 0: HA ports)
 * LbProtocol.ALL.transport();              // tcp, udp and sctp
 * }</pre>
 *
 * <p>Important note: {@code All} forwards TCP and UDP (Azure's HA-ports text: "balances all TCP and UDP flows");
 * cloud-provider-azure also writes SCTP Service ports as {@code All} rules, so SCTP counts too.
 */
public enum LbProtocol {
  TCP("Tcp"),
  UDP("Udp"),
  ALL("All");

  private final String azureName;

  LbProtocol(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** The transport protocols a rule of this protocol forwards. */
  public ProtocolSet transport() {
    return switch (this) {
      case TCP -> ProtocolSet.of(Protocol.TCP);
      case UDP -> ProtocolSet.of(Protocol.UDP);
      case ALL -> ProtocolSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
    };
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<LbProtocol> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, LbProtocol> parseResult(String text) {
    for (LbProtocol v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid LbProtocol '%s': expected one of Tcp, Udp, All", text));
  }
}
