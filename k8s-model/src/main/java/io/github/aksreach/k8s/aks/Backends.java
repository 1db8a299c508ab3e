package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.NodeClasses;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.Node;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * An immutable list of LB backends that stores each backend as its node, its address and the representative of its
 * node class ({@link NodeClasses}), and makes the {@link BackendHealth} of a backend that was not traced itself when
 * it is read: equal, field for field, to the record {@code AksReachability} would otherwise keep for it (the
 * representative's state, probe and verdict; the representative's reason naming it; no probe flow of its own).
 * At 5,000 nodes a health report then holds three references per backend instead of a record each.
 *
 * <pre>{@code
 * Backends group = Backends.builder(frontend, rules, 5000).traced(rep).equivalent(node, ip, rep).build();
 * group.get(1);   // BackendHealth of node, traced on rep
 * }</pre>
 */
final class Backends extends AbstractList<BackendHealth> implements RandomAccess {
  private final IpAddress frontend;
  private final List<LbRuleSpec> rules;
  private final Node[] nodes;
  private final IpAddress[] ips;
  /** The backend itself when it was traced, else its class's representative. */
  private final BackendHealth[] traced;
  private final boolean[] own;
  /** Per representative, the reason its equivalents give; indexed like {@link #traced}. */
  private final String[] reasons;

  private Backends(IpAddress frontend, List<LbRuleSpec> rules, Node[] nodes, IpAddress[] ips, BackendHealth[] traced,
                   boolean[] own, String[] reasons) {
    this.frontend = frontend;
    this.rules = rules;
    this.nodes = nodes;
    this.ips = ips;
    this.traced = traced;
    this.own = own;
    this.reasons = reasons;
  }

  static Builder builder(IpAddress frontend, List<LbRuleSpec> rules, int capacity) {
    return new Builder(frontend, List.copyOf(rules), capacity);
  }

  /** Collects a group's backends in order. */
  static final class Builder {
    private final IpAddress frontend;
    private final List<LbRuleSpec> rules;
    private Node[] nodes;
    private IpAddress[] ips;
    private BackendHealth[] traced;
    private boolean[] own;
    private String[] reasons;
    private int n;

    private Builder(IpAddress frontend, List<LbRuleSpec> rules, int capacity) {
      this.frontend = frontend;
      this.rules = rules;
      int c = Math.max(1, capacity);
      nodes = new Node[c];
      ips = new IpAddress[c];
      traced = new BackendHealth[c];
      own = new boolean[c];
      reasons = new String[c];
    }

    List<LbRuleSpec> rules() {
      return rules;
    }

    private void grow() {
      if (n == nodes.length) {
        int c = 2 * n;
        nodes = java.util.Arrays.copyOf(nodes, c);
        ips = java.util.Arrays.copyOf(ips, c);
        traced = java.util.Arrays.copyOf(traced, c);
        own = java.util.Arrays.copyOf(own, c);
        reasons = java.util.Arrays.copyOf(reasons, c);
      }
    }

    /** A backend whose probe was traced. */
    Builder traced(BackendHealth h) {
      grow();
      nodes[n] = h.node();
      ips[n] = h.ip();
      traced[n] = h;
      own[n] = true;
      n++;
      return this;
    }

    /** A backend of {@code rep}'s class, described by {@code reason} (shared by the class). */
    Builder equivalent(Node node, IpAddress ip, BackendHealth rep, String reason) {
      grow();
      nodes[n] = node;
      ips[n] = ip;
      traced[n] = rep;
      reasons[n] = reason;
      n++;
      return this;
    }

    Backends build() {
      return new Backends(frontend, rules, java.util.Arrays.copyOf(nodes, n), java.util.Arrays.copyOf(ips, n),
          java.util.Arrays.copyOf(traced, n), java.util.Arrays.copyOf(own, n), java.util.Arrays.copyOf(reasons, n));
    }
  }

  @Override
  public BackendHealth get(int i) {
    BackendHealth t = traced[i];
    if (own[i]) {
      return t;
    }
    return new BackendHealth(frontend, rules, nodes[i], ips[i], t.state(), t.probe(), reasons[i], Optional.empty(),
        t.verdict());
  }

  @Override
  public int size() {
    return nodes.length;
  }

  /** The node of backend {@code i}, without making its record. */
  Node node(int i) {
    return nodes[i];
  }

  /** The state of backend {@code i}, without making its record. */
  BackendHealth.State state(int i) {
    return traced[i].state();
  }

  /** Several groups as one list, in order (still without a record per untraced backend). */
  static final class Concat extends AbstractList<BackendHealth> implements RandomAccess {
    private final List<Backends> parts;
    private final int[] starts;
    private final int size;

    Concat(List<Backends> parts) {
      this.parts = List.copyOf(parts);
      this.starts = new int[parts.size()];
      int s = 0;
      for (int i = 0; i < parts.size(); i++) {
        starts[i] = s;
        s += parts.get(i).size();
      }
      this.size = s;
    }

    @Override
    public BackendHealth get(int i) {
      if (i < 0 || i >= size) {
        throw new IndexOutOfBoundsException(i);
      }
      int a = 0;
      int b = starts.length - 1;
      while (a < b) {
        int m = (a + b + 1) >>> 1;
        if (starts[m] <= i) {
          a = m;
        } else {
          b = m - 1;
        }
      }
      return parts.get(a).get(i - starts[a]);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
