package io.github.aksreach.examples.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.examples.TestDirs;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.oracle.ConcreteOracle;
import io.github.aksreach.k8s.oracle.EngineAnswer;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import io.github.aksreach.k8s.oracle.OracleAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine defects the oracle found that no corpus scenario or generated cluster exercises, pinned as executable
 * evidence: each test asserts the oracle's DOMAIN.md answer and that the engine still differs. When the engine is
 * fixed the test fails; it then becomes an agreement assertion.
 */
class OracleFindingsTest {
  /**
   * DOMAIN.md 4.1: "internalTrafficPolicy (GA 1.26): applies to ClusterIP traffic only; Local -> node-local endpoints,
   * none -> DROP". The engine gives ClusterIP traffic Cluster semantics whatever the Service says: a pod on node 1
   * reaches web's only endpoint on node 0 through the ClusterIP.
   */
  @Test
  void internalTrafficPolicyLocalIsIgnoredByTheEngine(@TempDir Path tmp) throws Exception {
    Path dir = TestDirs.copy(OracleCorpusTest.corpus().stream()
        .filter(p -> p.getFileName().toString().equals("in-cluster-client-short-circuit")).findFirst().orElseThrow(),
        tmp.resolve("itp-local"));
    Path cluster = dir.resolve("k8s/cluster.yaml");
    String yaml = Files.readString(cluster);
    String web = "    clusterIP: 10.0.12.34\n";
    int at = yaml.indexOf(web);
    int itp = yaml.indexOf("internalTrafficPolicy: Cluster", at);
    assertThat(at).isPositive();
    Files.writeString(cluster, yaml.substring(0, itp) + "internalTrafficPolicy: Local"
        + yaml.substring(itp + "internalTrafficPolicy: Cluster".length()));
    AksReachability a = AksReachability.load(dir).get();
    assertThat(a.network().kubernetes().service("default", "web").orElseThrow().internalTrafficPolicy().apiName())
        .isEqualTo("Local");

    Flow f = Flow.tcp("10.244.1.50:40000", "10.0.12.34:80");
    OracleAnswer o = new ConcreteOracle(a.network()).check(f);
    assertThat(o.kind()).isEqualTo("NEVER");
    assertThat(o.leaves()).singleElement().satisfies(l -> assertThat(l.dropKind()).isEqualTo("KUBE_PROXY"));
    EngineAnswer e = EngineAnswer.of(a.check(f));
    assertThat(OracleAgreement.agree(o, e)).as("the engine now honours internalTrafficPolicy: make this an agreement")
        .isFalse();
    assertThat(e.kind()).isEqualTo("ALWAYS");
  }
}
