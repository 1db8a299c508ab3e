package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.IpPrefix;
import java.util.List;
import org.immutables.value.Value;

/**
 * A NetworkPolicy {@code ipBlock}: a CIDR minus its {@code except} CIDRs, which must lie inside it.
 *
 * <pre>{@code
 * IpBlock b = IpBlock.builder().cidr(IpPrefix.of("172.17.0.0/16"))
 *     .addExcept(IpPrefix.of("172.17.1.0/24")).build();
 * b.toIpSet().contains(IpAddress.of("172.17.1.9"));   // false
 * b.toIpSet().contains(IpAddress.of("172.17.2.9"));   // true
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIpBlock {
  public abstract IpPrefix cidr();

  public abstract List<IpPrefix> except();

  @Value.Check
  protected void check() {
    for (IpPrefix e : except()) {
      if (e.family() != cidr().family() || e.length() < cidr().length() || !cidr().contains(e.network())) {
        throw new InvalidModelException("ipBlock except " + e + " is not inside cidr " + cidr());
      }
    }
  }

  /** The addresses this block matches. */
  @Value.Lazy
  public IpSet toIpSet() {
    return IpSet.of(cidr()).difference(IpSet.ofPrefixes(except()));
  }

  @Override
  public String toString() {
    return except().isEmpty() ? cidr().toString() : cidr() + " except " + except();
  }
}
