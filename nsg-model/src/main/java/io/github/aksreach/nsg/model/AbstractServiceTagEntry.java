package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a {@code ServiceTags_*.json} download, such as {@code Storage} or {@code Storage.WestEurope}.
 *
 * <pre>{@code
 * ServiceTagEntry e = ServiceTagEntry.builder().name("GatewayManager")
 *     .addPrefixes(IpPrefix.of("13.66.140.144/29")).build();
 * e.addresses().contains(IpAddress.of("13.66.140.145"));   // true
 * }</pre>
 */
@Value.Immutable
abstract class AbstractServiceTagEntry {
  /** The tag's name, e.g. {@code AzureCloud.westeurope}. */
  public abstract String name();

  /** {@code properties.region}; empty for global tags. */
  @Value.Default
  public String region() {
    return "";
  }

  public abstract Optional<String> systemService();

  public abstract Optional<Long> changeNumber();

  /** The prefixes as listed (IPv4 and IPv6). */
  public abstract List<IpPrefix> prefixes();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** The addresses, exactly. */
  @Value.Lazy
  public IpSet addresses() {
    return IpSet.ofPrefixes(prefixes());
  }

  @Override
  public String toString() {
    return "service tag " + name() + " (" + prefixes().size() + " prefixes)";
  }
}
