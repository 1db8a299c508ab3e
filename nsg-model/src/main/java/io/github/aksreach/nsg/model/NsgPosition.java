package io.github.aksreach.nsg.model;

/**
 * Where an NSG is attached on a flow's path: the subnet's or the network interface's.
 *
 * <pre>{@code
 * NsgPosition.SUBNET.label();   // "subnet"
 * }</pre>
 */
public enum NsgPosition {
  SUBNET,
  NIC;

  /** {@code "subnet"} or {@code "NIC"}. */
  public String label() {
    return this == SUBNET ? "subnet" : "NIC";
  }
}
