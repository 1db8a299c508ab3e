package com.example.aksreach;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.output.DiffOutput;
import java.nio.file.Path;
import java.util.List;

/**
 * The questions a team asks of its cluster dump, in a few lines each: can this client reach, who always reaches, and
 * what changes if we switch a Service to {@code externalTrafficPolicy: Local}.
 *
 * <pre>{@code
 * ClusterQuestions q = ClusterQuestions.load(Path.of("dumps/prod")).orElseThrow();   // every problem, thrown
 * q.check("192.168.1.4", "192.168.0.22:80", "demoapi.eyskens.corp", "/weatherforecast").kind();   // SOMETIMES
 * q.alwaysReach("192.168.0.22:80/tcp");                  // [10.244.0.0/16, ..., 192.168.0.36/32]
 * q.whatIfLocal("ingress", "ingress-nginx-controller").orElseThrow().reach();   // who gains, who loses
 * }</pre>
 */
public final class ClusterQuestions {
  private final AksReachability cluster;

  private ClusterQuestions(AksReachability cluster) {
    this.cluster = cluster;
  }

  /** The dump in {@code dir} (kubectl and az output), or every problem found in it, each naming file and path. */
  public static Validated<ClusterQuestions> load(Path dir) {
    return AksReachability.load(dir).map(ClusterQuestions::new);
  }

  /** Can {@code from} reach {@code to} ({@code ip:port}) with an HTTP request for {@code host} and {@code path}? */
  public Verdict check(String from, String to, String host, String path) {
    return cluster.check(Flow.tcp(from, to).withHttp(host, path)).verdict();
  }

  /** Every source address that reaches {@code to} ({@code ip:port/proto}) on every path, as CIDRs. */
  public List<IpPrefix> alwaysReach(String to) {
    return cluster.reach(Destination.parse(to).get()).sets().always().toCidrs();
  }

  /**
   * What changes, per load-balancer frontend, if the Service {@code namespace/name} switches to
   * {@code externalTrafficPolicy: Local}: the sources whose verdict changes and the backends whose health changes.
   * A Service that does not exist, or is not a NodePort or LoadBalancer Service, comes back as an error.
   */
  public Validated<ScenarioDiff> whatIfLocal(String namespace, String name) {
    return cluster.whatIf(s -> s.withExternalTrafficPolicy(namespace, name, TrafficPolicy.LOCAL))
        .map(local -> ScenarioDiff.of(cluster, local, ScenarioDiff.frontends(cluster, local)));
  }

  /** Asks the three questions of a dump ({@code args[0]}) or, without arguments, of the article's lab (step 4). */
  public static void main(String[] args) {
    Path dir = args.length > 0 ? Path.of(args[0]) : LabScenarios.directory("step4-cluster-nsgs-nodes");
    ClusterQuestions q = load(dir).orElseThrow();
    Verdict v = q.check("192.168.1.4:50326", "192.168.0.22:80", "demoapi.eyskens.corp", "/weatherforecast");
    System.out.println("check: " + v.kind() + " " + v.deliveredFraction());
    System.out.println("always reach 192.168.0.22:80/tcp: " + q.alwaysReach("192.168.0.22:80/tcp"));
    System.out.print(DiffOutput.text(q.whatIfLocal("ingress", "ingress-nginx-controller").orElseThrow(), dir.toString(),
        "the same with externalTrafficPolicy Local"));
  }
}
