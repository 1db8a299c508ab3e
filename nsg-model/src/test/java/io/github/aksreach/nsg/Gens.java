package io.github.aksreach.nsg;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shared QuickTheories generators for NSG property tests, over a deliberately small universe where every interesting
 * case (tags, ASGs, families, port edges) is hit often: addresses in 10.0.0.0/29, 168.63.129.16, one outside IPv4,
 * two IPv6 addresses; ports 0-7; protocols TCP, UDP, ICMP, ESP. Shipped in the test-jar for later modules.
 *
 * <pre>{@code
 * qt().forAll(Gens.nsgs(), Gens.flows()).checkAssert((nsg, flow) -> ...);
 * AddressResolver r = Gens.resolver();   // VirtualNetwork = 10.0.0.0/30 + 168.63.129.16, tag TestTag, ASGs web/db/idle
 * }</pre>
 */
public final class Gens {
  public static final IpSet VNET = IpSet.parse("10.0.0.0/30, 168.63.129.16").get();
  public static final String TEST_TAG = "TestTag.WestEurope";
  public static final IpSet TEST_TAG_ADDRESSES = IpSet.parse("10.0.0.4/31, 2001:db8::/127").get();
  public static final ResourceId ASG_WEB = asg("web");
  public static final ResourceId ASG_DB = asg("db");
  /** A known ASG without members: its rules never match. */
  public static final ResourceId ASG_IDLE = asg("idle");
  public static final Map<ResourceId, IpSet> ASG_MEMBERS = Map.of(
      ASG_WEB, IpSet.parse("10.0.0.1, 10.0.0.5").get(),
      ASG_DB, IpSet.parse("10.0.0.6").get(),
      ASG_IDLE, IpSet.empty());
  public static final List<IpAddress> ADDRESSES = List.of(
      IpAddress.of("10.0.0.0"), IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"), IpAddress.of("10.0.0.3"),
      IpAddress.of("10.0.0.4"), IpAddress.of("10.0.0.5"), IpAddress.of("10.0.0.6"), IpAddress.of("10.0.0.7"),
      IpAddress.of("168.63.129.16"), IpAddress.of("192.168.1.4"), IpAddress.of("2001:db8::1"),
      IpAddress.of("fe80::1234:5678:9abc"));
  public static final List<IpPrefix> PREFIXES = List.of(
      IpPrefix.of("10.0.0.0/29"), IpPrefix.of("10.0.0.0/30"), IpPrefix.of("10.0.0.4/30"), IpPrefix.of("10.0.0.2/31"),
      IpPrefix.of("10.0.0.6/31"), IpPrefix.of("10.0.0.1/32"), IpPrefix.of("10.0.0.5/32"),
      IpPrefix.of("192.168.1.0/24"), IpPrefix.of("2001:db8::/64"));

  private Gens() {}

  public static ResourceId asg(String name) {
    return ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/"
        + name);
  }

  /** The service tags of the universe: one loaded tag, {@link #TEST_TAG}. */
  public static ServiceTagCatalog catalog() {
    return ServiceTagCatalog.builder().addEntries(ServiceTagEntry.builder().name(TEST_TAG).region("westeurope")
        .addAllPrefixes(TEST_TAG_ADDRESSES.toCidrs()).build()).build();
  }

  /** The address context of the universe. */
  public static AddressResolver resolver() {
    return AddressResolver.of(VNET, catalog(), ASG_MEMBERS);
  }

  public static Gen<IpAddress> addresses() {
    return Generate.pick(ADDRESSES);
  }

  public static Gen<Flow> flows() {
    Gen<Protocol> protos = arbitrary().pick(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ESP);
    Gen<Integer> ports = integers().between(0, 7);
    return protos.zip(addresses(), ports, addresses(), (p, s, sp, d) -> new Object[] {p, s, sp, d})
        .zip(ports, (a, dp) -> {
          Protocol p = (Protocol) a[0];
          boolean hasPorts = p.hasPorts();
          return Flow.of(p, (IpAddress) a[1], hasPorts ? (Integer) a[2] : 0, (IpAddress) a[3], hasPorts ? dp : 0);
        });
  }

  public static Gen<AddressSpec> addressSpecs() {
    Gen<AddressSpec> any = arbitrary().constant(AddressSpec.any());
    Gen<AddressSpec> prefixes = lists().of(Generate.pick(PREFIXES)).ofSizeBetween(1, 3)
        .map(ps -> (AddressSpec) AddressSpec.prefixes(ps));
    Gen<AddressSpec> tags = arbitrary().pick("VirtualNetwork", "Internet", "AzureLoadBalancer", TEST_TAG,
        "virtualnetwork").map(t -> (AddressSpec) AddressSpec.tag(t));
    Gen<AddressSpec> asgs = arbitrary().pick(List.of(List.of(ASG_WEB), List.of(ASG_DB), List.of(ASG_IDLE),
        List.of(ASG_WEB, ASG_DB))).map(ids -> (AddressSpec) AddressSpec.asgs(ids));
    return Generate.frequency(org.quicktheories.api.Pair.of(3, any), org.quicktheories.api.Pair.of(4, prefixes),
        org.quicktheories.api.Pair.of(3, tags), org.quicktheories.api.Pair.of(2, asgs));
  }

  public static Gen<PortSet> portSets() {
    Gen<PortSet> all = arbitrary().constant(PortSet.all());
    Gen<PortSet> range = integers().between(0, 7).zip(integers().between(0, 7),
        (a, b) -> PortSet.of(PortRange.of(Math.min(a, b), Math.max(a, b))));
    Gen<PortSet> two = integers().between(0, 7).zip(integers().between(0, 7), (a, b) -> PortSet.of(a).union(
        PortSet.of(b)));
    return Generate.frequency(org.quicktheories.api.Pair.of(3, all), org.quicktheories.api.Pair.of(2, range),
        org.quicktheories.api.Pair.of(1, two));
  }

  /** A custom rule body; name and priority are set by {@link #nsgs()}. */
  public static Gen<SecurityRule> rules() {
    Gen<Access> access = arbitrary().enumValues(Access.class);
    Gen<Direction> direction = Generate.frequency(org.quicktheories.api.Pair.of(3, arbitrary().constant(
        Direction.INBOUND)), org.quicktheories.api.Pair.of(1, arbitrary().constant(Direction.OUTBOUND)));
    Gen<NsgProtocol> protocol = arbitrary().pick(NsgProtocol.ANY, NsgProtocol.ANY, NsgProtocol.TCP,
        NsgProtocol.UDP, NsgProtocol.ICMP);
    Gen<Object[]> head = access.zip(direction, protocol, (a, d, p) -> new Object[] {a, d, p});
    Gen<Object[]> src = addressSpecs().zip(portSets(), (a, p) -> new Object[] {a, p});
    Gen<Object[]> dst = addressSpecs().zip(portSets(), (a, p) -> new Object[] {a, p});
    return head.zip(src, dst, (h, s, d) -> SecurityRule.builder().name("r").priority(Priority.of(100))
        .access((Access) h[0]).direction((Direction) h[1]).protocol((NsgProtocol) h[2])
        .source((AddressSpec) s[0]).sourcePorts((PortSet) s[1])
        .destination((AddressSpec) d[0]).destinationPorts((PortSet) d[1]).build());
  }

  /**
   * NSGs with 0-12 custom rules, priorities strictly increasing in list order with random gaps (so a rule can be
   * inserted between any two), names r0, r1, ...; the default rules are added by the model.
   */
  public static Gen<NetworkSecurityGroup> nsgs() {
    return lists().of(rules().zip(integers().between(0, 9), (r, gap) -> new Object[] {r, gap}))
        .ofSizeBetween(0, 12).map(items -> {
          List<SecurityRule> rs = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            SecurityRule r = (SecurityRule) items.get(i)[0];
            int prio = 100 + 10 * (i + 1) + (Integer) items.get(i)[1];
            rs.add(r.withName("r" + i).withPriority(Priority.of(prio)));
          }
          return NetworkSecurityGroup.builder()
              .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
                  + "networkSecurityGroups/gen"))
              .addAllCustomRules(rs).build();
        });
  }
}
