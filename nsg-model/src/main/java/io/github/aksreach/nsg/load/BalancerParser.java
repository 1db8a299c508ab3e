package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.LoadDistribution;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.PublicIpAddress;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Load balancers (frontends, pools, probes, rules) and public IP addresses. */
final class BalancerParser extends ParserBase {
  BalancerParser(Collected out, Problems problems, String file) {
    super(out, problems, file);
  }

  // ------------------------------------------------------------------ load balancers, public IPs

  void loadBalancer(J r, Ident id, Provenance prov) {
    LoadBalancer.Builder b = LoadBalancer.builder().id(id.id).name(id.name).provenance(prov);
    J skuNode = r.field("sku").field("name");
    optional(skuNode, LbSku::parse).ifPresent(b::sku);
    for (J f : problems.take1(r.field("frontendIPConfigurations").arr()).orElse(List.of())) {
      String name = problems.take1(f.field("name").reqStr()).orElse("<unnamed>");
      Frontend.Builder fb = Frontend.builder().name(name).id(childId(f, id.id, "frontendIPConfigurations", name));
      optional(f.field("privateIPAddress"), IpAddress::parse).ifPresent(fb::privateIp);
      ref(f, "subnet").ifPresent(fb::subnetId);
      ref(f, "publicIPAddress").ifPresent(fb::publicIpId);
      b.addFrontends(fb.build());
    }
    for (J p : problems.take1(r.field("backendAddressPools").arr()).orElse(List.of())) {
      String name = problems.take1(p.field("name").reqStr()).orElse("<unnamed>");
      BackendPool.Builder pb = BackendPool.builder().name(name).id(childId(p, id.id, "backendAddressPools", name));
      pb.addAllIpConfigurationIds(refs(p, "backendIPConfigurations"));
      for (J a : problems.take1(p.field("loadBalancerBackendAddresses").arr()).orElse(List.of())) {
        optional(a.field("ipAddress"), IpAddress::parse).ifPresent(pb::addAddresses);
      }
      b.addBackendPools(pb.build());
    }
    for (J p : problems.take1(r.field("probes").arr()).orElse(List.of())) {
      String name = problems.take1(p.field("name").reqStr()).orElse("<unnamed>");
      Optional<ProbeProtocol> proto = problems.take1(p.field("protocol").reqStr())
          .flatMap(t -> problems.take1(located(ProbeProtocol.parse(t), p.field("protocol"))));
      Optional<Integer> port = optInt(p.field("port"));
      if (port.isEmpty() && !p.field("port").present()) {
        problems.error(file, p.field("port").path(), "missing required value");
      } else if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
        problems.error(file, p.field("port").path(), "probe port " + port.get() + " is out of range 1-65535");
        port = Optional.empty();
      }
      Optional<String> path = problems.take1(p.field("requestPath").str()).orElse(Optional.empty());
      if (proto.isPresent() && proto.get() != ProbeProtocol.TCP && path.isEmpty()) {
        problems.error(file, p.path(), "probe " + name + ": requestPath is required for protocol "
            + proto.get().azureName());
      }
      Optional<Integer> interval = optInt(p.field("intervalInSeconds"));
      if (interval.isPresent() && interval.get() < 1) {
        problems.error(file, p.field("intervalInSeconds").path(), "intervalInSeconds must be positive");
        interval = Optional.empty();
      }
      Optional<NoHealthyBackendsBehavior> nhb = optional(p.field("noHealthyBackendsBehavior"),
          NoHealthyBackendsBehavior::parse);
      if (proto.isPresent() && port.isPresent()) {
        Probe.Builder pb = Probe.builder().name(name).id(childId(p, id.id, "probes", name)).protocol(proto.get())
            .port(port.get()).requestPath(path).probeThreshold(optInt(p.field("probeThreshold")))
            .numberOfProbes(optInt(p.field("numberOfProbes")));
        interval.ifPresent(pb::intervalInSeconds);
        nhb.ifPresent(pb::noHealthyBackendsBehavior);
        b.addProbes(pb.build());
      }
    }
    for (J l : problems.take1(r.field("loadBalancingRules").arr()).orElse(List.of())) {
      String name = problems.take1(l.field("name").reqStr()).orElse("<unnamed>");
      Optional<ResourceId> fe = ref(l, "frontendIPConfiguration");
      if (fe.isEmpty() && !l.field("frontendIPConfiguration").present()) {
        problems.error(file, l.field("frontendIPConfiguration").path(), "load-balancing rule " + name
            + " has no frontendIPConfiguration");
      }
      Optional<LbProtocol> proto = problems.take1(l.field("protocol").reqStr())
          .flatMap(t -> problems.take1(located(LbProtocol.parse(t), l.field("protocol"))));
      Optional<Integer> fport = lbPort(l.field("frontendPort"));
      Optional<Integer> bport = lbPort(l.field("backendPort"));
      List<ResourceId> pools = new ArrayList<>();
      ref(l, "backendAddressPool").ifPresent(pools::add);
      refs(l, "backendAddressPools").stream().filter(x -> !pools.contains(x)).forEach(pools::add);
      Optional<LoadDistribution> dist = optional(l.field("loadDistribution"), LoadDistribution::parse);
      if (fe.isPresent() && proto.isPresent() && fport.isPresent() && bport.isPresent()) {
        LbRule.Builder rb = LbRule.builder().name(name).id(childId(l, id.id, "loadBalancingRules", name))
            .frontendId(fe.get()).addAllBackendPoolIds(pools).protocol(proto.get()).frontendPort(fport.get())
            .backendPort(bport.get()).enableFloatingIp(flag(l.field("enableFloatingIP"), false))
            .probeId(ref(l, "probe")).idleTimeoutInMinutes(optInt(l.field("idleTimeoutInMinutes")))
            .enableTcpReset(flag(l.field("enableTcpReset"), false))
            .disableOutboundSnat(flag(l.field("disableOutboundSnat"), false));
        dist.ifPresent(rb::loadDistribution);
        b.addRules(rb.build());
      }
    }
    if (r.field("inboundNatRules").isArray() && r.field("inboundNatRules").size() > 0
        || r.field("inboundNatPools").isArray() && r.field("inboundNatPools").size() > 0) {
      problems.note(file, r.path(), "load balancer " + id.name + ": inbound NAT rules and pools are not modelled");
    }
    out.loadBalancers.add(b.build());
  }

  private Optional<Integer> lbPort(J j) {
    Optional<Integer> p = optInt(j);
    if (p.isEmpty() && !j.present()) {
      problems.error(file, j.path(), "missing required value");
    } else if (p.isPresent() && (p.get() < 0 || p.get() > 65535)) {
      problems.error(file, j.path(), "port " + p.get() + " is out of range 0-65535");
      return Optional.empty();
    }
    return p;
  }

  void publicIp(J r, Ident id, Provenance prov) {
    PublicIpAddress.Builder b = PublicIpAddress.builder().id(id.id).name(id.name).provenance(prov);
    optional(r.field("ipAddress"), IpAddress::parse).ifPresent(b::ipAddress);
    problems.take1(r.field("sku").field("name").str()).orElse(Optional.empty()).ifPresent(b::sku);
    out.publicIps.add(b.build());
  }
}
