package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dumped {@code az network lb show} wins over what cloud-provider-azure would derive (CONTRACTS.md section 1). */
class DumpedLoadBalancerTest {
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
      + "MC_rg-aks_aks-lab_westeurope/providers/Microsoft.Network/loadBalancers/kubernetes-internal";

  /** The lab's internal LB as az prints it, with floating IP off: backend port = nodePort, TCP probe. */
  private static final String LB = "{\n"
      + "  \"name\": \"kubernetes-internal\", \"id\": \"" + RG + "\", \"type\": \"Microsoft.Network/loadBalancers\",\n"
      + "  \"resourceGroup\": \"MC_rg-aks_aks-lab_westeurope\", \"sku\": {\"name\": \"Standard\"},\n"
      + "  \"frontendIPConfigurations\": [{\"name\": \"fe-ingress\", \"id\": \"" + RG
      + "/frontendIPConfigurations/fe-ingress\", \"privateIPAddress\": \"192.168.0.22\"}],\n"
      + "  \"backendAddressPools\": [{\"name\": \"kubernetes\", \"id\": \"" + RG + "/backendAddressPools/kubernetes\"}],\n"
      + "  \"probes\": [{\"name\": \"tcp-31880\", \"id\": \"" + RG + "/probes/tcp-31880\", \"protocol\": \"Tcp\",\n"
      + "    \"port\": 31880, \"intervalInSeconds\": 5, \"numberOfProbes\": 2}],\n"
      + "  \"loadBalancingRules\": [{\"name\": \"http\", \"id\": \"" + RG + "/loadBalancingRules/http\",\n"
      + "    \"protocol\": \"Tcp\", \"frontendPort\": 80, \"backendPort\": 31880, \"enableFloatingIP\": false,\n"
      + "    \"frontendIPConfiguration\": {\"id\": \"" + RG + "/frontendIPConfigurations/fe-ingress\"},\n"
      + "    \"backendAddressPool\": {\"id\": \"" + RG + "/backendAddressPools/kubernetes\"},\n"
      + "    \"probe\": {\"id\": \"" + RG + "/probes/tcp-31880\"}}]\n"
      + "}\n";

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path d = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
  }

  @Test
  void dumpedRuleWithoutFloatingIpMakesTheNsgSeeTheNodeAndItsNodePort(@TempDir Path dir) throws IOException {
    copy(TestFiles.labDir("step3-cluster-nsgs"), dir);
    Files.writeString(dir.resolve("azure/lb.json"), LB);
    AksReachability a = AksReachability.load(dir).get();
    assertThat(a.network().loadBalancing().rules()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("http");
      assertThat(r.floatingIp()).isFalse();
      assertThat(r.probe().orElseThrow().describe()).isEqualTo("Tcp 31880");
      assertThat(r.backends()).hasSize(3);
    });
    Flow f = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80");
    Verdict v = a.check(f).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    PathResult viaIngress = v.paths().stream()
        .filter(p -> p.hops().stream().anyMatch(h -> h.decision().contains("aks-ingress"))).findFirst().orElseThrow();
    DropInfo d = viaIngress.drop().orElseThrow();
    assertThat(d.label()).startsWith("nsg-ingress");
    assertThat(d.rule().orElseThrow().name()).isEqualTo("DenyAllCustom");
    Hop nsgHop = viaIngress.hops().stream().filter(h -> h.label().startsWith("nsg-ingress")).findFirst().orElseThrow();
    assertThat(nsgHop.seen(f).dst()).isEqualTo("192.168.0.20:31880");
  }
}
