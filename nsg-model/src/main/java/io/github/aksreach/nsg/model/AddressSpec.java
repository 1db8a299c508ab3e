package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The source or destination of a security rule: any address, explicit prefixes, one service tag, or application
 * security groups. Turning a spec into addresses needs a context (which VNet, which NICs belong to which ASG): see
 * {@code io.github.aksreach.nsg.eval.AddressResolver}.
 *
 * <pre>{@code
 * AddressSpec.any();
 * AddressSpec.prefixes(IpPrefix.of("10.244.0.0/16"), IpPrefix.of("192.168.1.4/32"));
 * AddressSpec.tag("VirtualNetwork");
 * AddressSpec.asgs(ResourceId.of(".../applicationSecurityGroups/web"));
 * }</pre>
 *
 * <p>Important note: Azure lets one rule list many prefixes ("augmented rules") but only one service tag and no mix
 * of tags, prefixes and ASGs; the loader rejects such mixes instead of guessing.
 */
public sealed interface AddressSpec permits AddressSpec.Any, AddressSpec.Prefixes, AddressSpec.ServiceTag,
    AddressSpec.Asgs {

  static Any any() {
    return Any.INSTANCE;
  }

  static Prefixes prefixes(IpPrefix... prefixes) {
    return new Prefixes(List.of(prefixes));
  }

  static Prefixes prefixes(List<IpPrefix> prefixes) {
    return new Prefixes(prefixes);
  }

  static ServiceTag tag(String name) {
    return new ServiceTag(name);
  }

  static Asgs asgs(ResourceId... ids) {
    return new Asgs(List.of(ids));
  }

  static Asgs asgs(List<ResourceId> ids) {
    return new Asgs(ids);
  }

  /** {@code "*"}: every address of both families. */
  final class Any implements AddressSpec {
    static final Any INSTANCE = new Any();

    private Any() {}

    @Override
    public String toString() {
      return "*";
    }
  }

  /**
   * Explicit addresses and CIDR prefixes.
   *
   * @param prefixes the prefixes, as written (host bits cleared)
   */
  record Prefixes(List<IpPrefix> prefixes) implements AddressSpec {
    public Prefixes {
      prefixes = List.copyOf(prefixes);
      if (prefixes.isEmpty()) {
        throw new InvalidModelException("an address prefix list must not be empty");
      }
    }

    /** The addresses, exactly. */
    public IpSet set() {
      return IpSet.ofPrefixes(prefixes);
    }

    @Override
    public String toString() {
      return prefixes.size() == 1 ? prefixes.get(0).toString()
          : prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * One service tag, such as {@code VirtualNetwork}, {@code AzureLoadBalancer}, {@code Internet} or
   * {@code Storage.WestEurope}; names are case-insensitive.
   *
   * @param name the tag's name as written
   */
  record ServiceTag(String name) implements AddressSpec {
    public ServiceTag {
      if (name == null || name.isBlank()) {
        throw new InvalidModelException("service tag name must not be blank");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Application security groups: the addresses of the NIC IP configurations that are members.
   *
   * @param ids the groups' resource ids
   */
  record Asgs(List<ResourceId> ids) implements AddressSpec {
    public Asgs {
      ids = List.copyOf(ids);
      if (ids.isEmpty()) {
        throw new InvalidModelException("an application security group list must not be empty");
      }
    }

    @Override
    public String toString() {
      return ids.stream().map(ResourceId::name).collect(Collectors.joining(", ", "asg:[", "]"));
    }
  }
}
