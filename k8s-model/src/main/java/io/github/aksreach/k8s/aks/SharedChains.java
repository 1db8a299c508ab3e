package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.k8s.hops.AksKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * kube-proxy's chains on each node ({@link AksKey.Host}, {@link AksKey.InCluster}), shared by the graphs of one
 * analysis. They hold every Service's rules (some 20,000 rules at 50 nodes) and their builders read the network and
 * the node only, registering or making no other element on the way: the same whatever the layer-7 context and the
 * health view, so the graph of each HTTP request a diff asks about takes them instead of building them again.
 *
 * <pre>{@code
 * SharedChains chains = new SharedChains();
 * AksGraph api = new AksGraph(net, HealthView.allUp(), L7.http("a.example", "/"), chains);
 * AksGraph web = new AksGraph(net, HealthView.allUp(), L7.http("b.example", "/"), chains);
 * // api.hop(new AksKey.Host("node-1")) == web.hop(new AksKey.Host("node-1"))
 * }</pre>
 */
final class SharedChains {
  private final Map<ElementKey, Element> chains = new ConcurrentHashMap<>();

  /** Whether {@code key} is one of the chains shared. */
  static boolean holds(ElementKey key) {
    return key instanceof AksKey.Host || key instanceof AksKey.InCluster;
  }

  /**
   * The chain {@code key}: shared already, else built by {@code build} (once: a graph building it holds the others
   * that ask for it until it is shared; a chain's builder asks for no other element).
   */
  Element take(ElementKey key, Function<ElementKey, Element> build) {
    return chains.computeIfAbsent(key, build);
  }
}
