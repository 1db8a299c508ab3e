package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.LbOrigin;
import io.github.aksreach.nsg.eval.NsgHopKind;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on a copy of the lab's step 4 with an {@code az network lb show} dump (issue 10): an HA-ports rule
 * forwards UDP too and keeps the destination port; a dumped probe's AllProbedUp sends to every backend when all are
 * DOWN; the dump's SKU decides. Step 4 without a dump: SOMETIMES, 1 of 3 backends delivers (LAB.md).
 */
class LabLoadBalancerDumpTest {
  private static final String LB_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
      + "MC_rg-aks_aks-lab_westeurope/providers/Microsoft.Network/loadBalancers/kubernetes-internal";
  private static final Flow TCP = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80");
  private static final Flow UDP = Flow.of(Protocol.UDP, TCP.srcIp(), 50326, TCP.dstIp(), 80);

  /** The lab's internal LB as az prints it: one rule, an IP-based pool of the three nodes, one probe. */
  private static String lb(String protocol, int frontendPort, int backendPort, boolean floatingIp, String probe) {
    return "{\"name\": \"kubernetes-internal\", \"id\": \"" + LB_ID + "\", \"type\": \"Microsoft.Network/loadBalancers\","
        + " \"sku\": {\"name\": \"Standard\"},"
        + " \"frontendIPConfigurations\": [{\"name\": \"fe\", \"id\": \"" + LB_ID + "/frontendIPConfigurations/fe\","
        + " \"privateIPAddress\": \"192.168.0.22\"}],"
        + " \"backendAddressPools\": [{\"name\": \"kubernetes\", \"id\": \"" + LB_ID + "/backendAddressPools/kubernetes\","
        + " \"loadBalancerBackendAddresses\": [{\"ipAddress\": \"192.168.0.4\"}, {\"ipAddress\": \"192.168.0.20\"},"
        + " {\"ipAddress\": \"192.168.0.36\"}]}],"
        + " \"probes\": [" + probe.replace("$ID", LB_ID + "/probes/p") + "],"
        + " \"loadBalancingRules\": [{\"name\": \"rule\", \"id\": \"" + LB_ID + "/loadBalancingRules/rule\","
        + " \"protocol\": \"" + protocol + "\", \"frontendPort\": " + frontendPort + ", \"backendPort\": " + backendPort
        + ", \"enableFloatingIP\": " + floatingIp + ","
        + " \"frontendIPConfiguration\": {\"id\": \"" + LB_ID + "/frontendIPConfigurations/fe\"},"
        + " \"backendAddressPool\": {\"id\": \"" + LB_ID + "/backendAddressPools/kubernetes\"},"
        + " \"probe\": {\"id\": \"" + LB_ID + "/probes/p\"}}]}";
  }

  private static final String HTTP_PROBE = "{\"name\": \"p\", \"id\": \"$ID\", \"protocol\": \"Http\", \"port\": 31880,"
      + " \"requestPath\": \"/healthz\", \"intervalInSeconds\": 5, \"probeThreshold\": 2}";

  private static AksReachability lab(Path dir, String lbJson) throws IOException {
    Path from = TestFiles.labDir("step4-cluster-nsgs-nodes");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path d = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
    Files.writeString(dir.resolve("azure/lb.json"), lbJson);
    return AksReachability.load(dir).get();
  }

  @Test
  void haPortsForwardUdpAndEveryPortWithTheDestinationPortUnchanged(@TempDir Path dir) throws IOException {
    AksReachability a = lab(dir, lb("All", 0, 0, true, HTTP_PROBE));
    Verdict tcp = a.check(TCP).verdict();
    assertThat(tcp.kind()).as("as without a dump").isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(tcp.deliveredFraction()).isEqualTo(Weight.of(1, 3));
    Verdict udp = a.check(UDP).verdict();
    assertThat(udp.kind()).isEqualTo(Verdict.Kind.NEVER);
    // forwarded by the LB to every node (before issue 10: NO_ROUTE, the All rule read as Tcp); the lab's subnet NSGs
    // admit only TCP 80, so each node's subnet NSG denies it
    assertThat(udp.paths()).hasSize(3).allSatisfy(p -> {
      assertThat(p.drop().orElseThrow().kind()).isEqualTo(NsgHopKind.NSG);
      assertThat(p.drop().orElseThrow().rule().orElseThrow().name()).isEqualTo("DenyAllCustom");
      assertThat(p.hops()).anySatisfy(h -> assertThat(h.origin()).isInstanceOfSatisfying(LbOrigin.class, o -> {
        assertThat(o.rule()).isEqualTo("rule");
        assertThat(o.frontendPort()).isZero();
      }));
    });
  }

  @Test
  void haPortsWithoutFloatingIpSendToTheNodeOnTheFlowsOwnPort(@TempDir Path dir) throws IOException {
    AksReachability a = lab(dir, lb("All", 0, 0, false, HTTP_PROBE));
    Verdict v = a.check(TCP).verdict();
    for (PathResult p : v.paths()) {
      Hop nsg = p.hops().stream().filter(h -> h.origin() instanceof NsgOrigin n && n.direction() == Direction.INBOUND)
          .findFirst().orElseThrow();
      assertThat(nsg.seen(TCP).dstIp()).as("the node's address").isNotEqualTo(TCP.dstIp());
      assertThat(nsg.seen(TCP).dstPort()).as("backend port 0: the port stays 80, not 0").isEqualTo(80);
    }
  }

  @Test
  void aDumpedAllProbedUpProbeSendsToEveryBackendWhenAllAreDown(@TempDir Path dir) throws IOException {
    String deadProbe = "{\"name\": \"p\", \"id\": \"$ID\", \"protocol\": \"Tcp\", \"port\": 31999,"
        + " \"intervalInSeconds\": 5, \"probeThreshold\": 2, \"noHealthyBackendsBehavior\": \"%s\"}";
    AksReachability up = lab(dir.resolve("up"), lb("Tcp", 80, 80, true, String.format(deadProbe, "AllProbedUp")));
    assertThat(up.health().backends()).isNotEmpty()
        .allSatisfy(b -> assertThat(b.state()).isEqualTo(BackendHealth.State.DOWN));
    Verdict v = up.check(TCP).verdict();
    assertThat(v.kind()).as("sent to all three, as with every backend UP").isEqualTo(Verdict.Kind.SOMETIMES);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.of(1, 3));
    AksReachability down = lab(dir.resolve("down"), lb("Tcp", 80, 80, true, String.format(deadProbe, "AllProbedDown")));
    Verdict d = down.check(TCP).verdict();
    assertThat(d.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(d.paths()).singleElement().satisfies(p ->
        assertThat(p.drop().orElseThrow().kind()).isEqualTo(AksHopKind.LOAD_BALANCER));
  }
}
