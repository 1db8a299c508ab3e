package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.nsg.model.AgentPool;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code az aks show} says about the cluster, and Service Tags files. */
final class PlatformParser extends ParserBase {
  PlatformParser(Collected out, Problems problems, String file) {
    super(out, problems, file);
  }

  // ------------------------------------------------------------------ AKS

  void aks(J r, Ident id, Provenance prov) {
    AksCluster.Builder b = AksCluster.builder().name(id.name).id(id.id).provenance(prov);
    Optional<String> version = problems.take1(r.field("kubernetesVersion").str()).orElse(Optional.empty());
    b.kubernetesVersion(version.or(() -> problems.take1(r.field("currentKubernetesVersion").str())
        .orElse(Optional.empty())));
    J np = r.field("networkProfile");
    b.networkPlugin(problems.take1(np.field("networkPlugin").str()).orElse(Optional.empty()));
    b.networkPluginMode(problems.take1(np.field("networkPluginMode").str()).orElse(Optional.empty()));
    b.networkPolicy(problems.take1(np.field("networkPolicy").str()).orElse(Optional.empty()));
    b.loadBalancerSku(optional(np.field("loadBalancerSku"), LbSku::parse));
    b.outboundType(problems.take1(np.field("outboundType").str()).orElse(Optional.empty()));
    b.nodeResourceGroup(problems.take1(r.field("nodeResourceGroup").str()).orElse(Optional.empty()));
    b.addAllPodCidrs(dedupe(prefixes(np.field("podCidr"), np.field("podCidrs"))));
    b.addAllServiceCidrs(dedupe(prefixes(np.field("serviceCidr"), np.field("serviceCidrs"))));
    for (J p : problems.take1(r.field("agentPoolProfiles").arr()).orElse(List.of())) {
      AgentPool.Builder pb = AgentPool.builder().name(problems.take1(p.field("name").reqStr()).orElse("<unnamed>"));
      pb.mode(problems.take1(p.field("mode").str()).orElse(Optional.empty()));
      pb.count(optInt(p.field("count")));
      ref(p, "vnetSubnetID").ifPresent(pb::vnetSubnetId);
      ref(p, "podSubnetID").ifPresent(pb::podSubnetId);
      b.addAgentPools(pb.build());
    }
    out.clusters.add(b.build());
  }

  // ------------------------------------------------------------------ service tags

  void serviceTags(J r) {
    List<ServiceTagEntry> entries = new ArrayList<>();
    for (J v : problems.take1(r.field("values").arr()).orElse(List.of())) {
      Optional<String> name = problems.take1(v.field("name").reqStr());
      J props = v.field("properties");
      List<IpPrefix> ps = prefixes(J.nothing(file, props.path()), props.field("addressPrefixes"));
      out.tagCount++;
      out.tagPrefixCount += props.field("addressPrefixes").isArray() ? props.field("addressPrefixes").size() : 0;
      if (name.isEmpty()) {
        continue;
      }
      ServiceTagEntry.Builder b = ServiceTagEntry.builder().name(name.get()).addAllPrefixes(ps)
          .provenance(v.provenance());
      problems.take1(props.field("region").str()).orElse(Optional.empty()).ifPresent(b::region);
      b.systemService(problems.take1(props.field("systemService").str()).orElse(Optional.empty()));
      b.changeNumber(problems.take1(props.field("changeNumber").integer()).orElse(Optional.empty()));
      entries.add(b.build());
    }
    out.tagFiles.add(new Collected.TagFile(file,
        problems.take1(r.field("cloud").str()).orElse(Optional.empty()),
        problems.take1(r.field("changeNumber").integer()).orElse(Optional.empty()), entries));
  }
}
