package io.github.aksreach.core.model;

/**
 * The header fields a flow space constrains, in the engine's level order.
 *
 * <pre>{@code
 * FlowSpace.all().restrictTo(Field.DST_PORT, PortSet.of(80));   // every flow to port 80
 * }</pre>
 */
public enum Field {
  PROTOCOL,
  DST_IP,
  DST_PORT,
  SRC_IP,
  SRC_PORT;

  /** The engine level of this field. */
  public int level() {
    return ordinal();
  }

  public boolean isIp() {
    return this == SRC_IP || this == DST_IP;
  }

  public boolean isPort() {
    return this == SRC_PORT || this == DST_PORT;
  }
}
