package io.github.aksreach.examples.generate;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.output.CheckOutput;
import io.github.aksreach.k8s.output.ReachOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A set of distinct questions about a {@link SyntheticAks} cluster, for measuring and testing many queries on one
 * analysis: {@code reach} for each Ingress host and path behind the ingress frontend, {@code reach} to each app
 * load balancer, and {@code check} of a client flow to each.
 *
 * <pre>{@code
 * AksReachability a = AksReachability.of(SyntheticAks.generate(SyntheticAks.Spec.of(50)), AksOptions.defaults());
 * for (SyntheticQuestions.Question q : SyntheticQuestions.all(20)) {
 *   System.out.println(q + ": " + q.ask(a));
 * }
 * }</pre>
 */
public final class SyntheticQuestions {
  private SyntheticQuestions() {}

  /**
   * One question: {@code reach} from every IPv4 source (when {@code from} is empty) or {@code check} of one flow.
   *
   * @param to the destination address
   * @param port the destination port (TCP)
   * @param host the HTTP host, when the question follows the request through ingress-nginx
   * @param path the HTTP path, with {@code host}
   * @param from the client of a {@code check}; empty for a {@code reach}
   */
  public record Question(IpAddress to, int port, Optional<String> host, Optional<String> path,
                         Optional<IpAddress> from) {
    /** The answer as text: the reach report's JSON or the check report's JSON. */
    public String ask(AksReachability a) {
      if (from.isEmpty()) {
        ReachReport r = a.reach(to, port, Protocol.TCP, host, path, IpSet.all(IpFamily.V4));
        return ReachOutput.json(r);
      }
      Flow f = Flow.of(Protocol.TCP, from.get(), 50000, to, port);
      if (host.isPresent()) {
        f = f.withHttp(host.get(), path.orElse("/"));
      }
      CheckReport c = a.check(f);
      return CheckOutput.json(c);
    }

    @Override
    public String toString() {
      return (from.isEmpty() ? "reach " : "check " + from.get() + " ") + to + ":" + port + host.map(h -> " " + h)
          .orElse("") + path.orElse("");
    }
  }

  /** The questions for the first {@code n} Ingress hosts and app load balancers (n at most 20). */
  public static List<Question> all(int n) {
    List<Question> out = new ArrayList<>();
    IpAddress client = IpAddress.of("10.239.0.4");   // a client VM in snet-clients
    for (int k = 0; k < n; k++) {
      Optional<String> host = Optional.of(String.format(Locale.ROOT, "app-%02d.synth.corp", k));
      for (String path : List.of("/api", "/")) {
        out.add(new Question(SyntheticAks.INGRESS_FRONTEND, 80, host, Optional.of(path), Optional.empty()));
      }
      out.add(new Question(SyntheticAks.INGRESS_FRONTEND, 80, host, Optional.of("/api"), Optional.of(client)));
      out.add(new Question(SyntheticAks.lbFrontend(k), 80, Optional.empty(), Optional.empty(), Optional.empty()));
      out.add(new Question(SyntheticAks.lbFrontend(k), 80, Optional.empty(), Optional.empty(), Optional.of(client)));
    }
    return out;
  }
}
