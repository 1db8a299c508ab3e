package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aksreach diff OLD NEW} at layer 7, for scenarios with an L7 front door (ingress-nginx or an Istio Gateway) on
 * either side: per host and path (the union of both sides' routes, plus {@code /} per host as the catch-all), the
 * source sets whose verdict, HTTP status or answering backend changes, as exact CIDR lists.
 *
 * <pre>{@code
 * L7Diff d = L7Diff.of(AksReachability.load(step6).get(), AksReachability.load(step8).get());
 * L7Diff.Entry e = d.entries().get(0);   // GET demoapi.example.com:80/weatherforecast, ingress-nginx -> gateway/web
 * e.changes().get(0);                    // ALWAYS via default/simpleapi:8080 -> NEVER 403 for 192.168.1.4/32
 * }</pre>
 *
 * <p>Each side answers one request at a time ({@link L7Side#answer}); the source space is cut by every set a side's
 * answer can depend on (its layer-4 reach sets, the NGINX location's allow and deny lists, the CIDRs of the gateway's
 * AuthorizationPolicies), so the answer is constant on each piece and the sets are exact. Each request is asked on
 * its port: 80, and 443 where the controller Service has it (NGINX terminates TLS there for every host and routes
 * alike) or a Gateway listener is HTTPS (TLS terminated at the gateway, the listener chosen by the SNI the Host's name
 * gives, G1.10: a host no HTTPS listener names fails the handshake, NEVER without a status). NGINX's own
 * {@code ssl-redirect} (308 on port 80 for a host with an Ingress {@code tls} entry, {@code force-ssl-redirect}) is
 * part of its side's answer ({@code NginxSslRedirect}), so it compares with a Gateway's RequestRedirect status. Not
 * modelled: certificate validity.
 *
 * @param entries one per request, in order (the old side's requests first)
 * @param notes what could not be compared (an Istio Gateway that cannot be resolved, per side), never left out in
 *     silence
 */
public record L7Diff(List<Entry> entries, List<String> notes) {
  public L7Diff {
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  /**
   * One request of the comparison: {@code GET host:port/path} with {@code Host: host}, over TLS with SNI {@code host}
   * when the front door terminates TLS on the port (443).
   *
   * <pre>{@code
   * new L7Diff.Request("demoapi.example.com", "/weatherforecast", 80);   // GET demoapi.example.com:80/weatherforecast
   * }</pre>
   *
   * @param host the Host header
   * @param path the path
   * @param port the destination port of the front door
   */
  public record Request(String host, String path, int port) {
    @Override
    public String toString() {
      return "GET " + host + ":" + port + path;
    }
  }

  /**
   * What one side does with a request from one source: the verdict (fraction delivered to a backend pod), the HTTP
   * statuses the front door or gateway answers on the other share (403, 404, 3xx, 500, 503), and the backends
   * ({@code namespace/service:port}) that receive it.
   *
   * <pre>{@code
   * new L7Diff.Answer(Verdict.Kind.NEVER, List.of(403), List.of());
   * }</pre>
   *
   * @param verdict ALWAYS, SOMETIMES or NEVER delivered to a backend
   * @param statuses the statuses answered instead, ascending
   * @param backends the backends that receive it, sorted
   */
  public record Answer(Verdict.Kind verdict, List<Integer> statuses, List<String> backends) {
    public Answer {
      statuses = List.copyOf(statuses);
      backends = List.copyOf(backends);
    }

    @Override
    public String toString() {
      return verdict + (statuses.isEmpty() ? "" : " " + statuses) + (backends.isEmpty() ? "" : " via "
          + String.join(", ", backends));
    }
  }

  /**
   * A set of sources with the same answer on one side.
   *
   * <pre>{@code
   * for (L7Diff.Piece p : side.answers(request)) System.out.println(p.answer() + ": " + p.sources().toCidrs());
   * }</pre>
   *
   * @param sources the sources
   * @param answer their answer
   */
  public record Piece(IpSet sources, Answer answer) {}

  /**
   * The sources whose answer went from {@code before} to {@code after}.
   *
   * <pre>{@code
   * change.before();              // ALWAYS via default/simpleapi:8080
   * change.after();               // NEVER [403]
   * change.sources().toCidrs();   // [198.51.100.0/24]
   * }</pre>
   *
   * @param before the answer before
   * @param after the answer after
   * @param sources exactly those sources
   */
  public record Change(Answer before, Answer after, IpSet sources) {}

  /**
   * One request compared: the front door that takes it on each side, and the changes (none when unchanged).
   *
   * <pre>{@code
   * entry.frontDoorBefore();   // "ingress-nginx ingress-nginx/ingress-nginx-controller-6d4f9b7c5-fz8kd"
   * entry.frontDoorAfter();    // "gateway gateway/web"
   * }</pre>
   *
   * @param request the request
   * @param frontDoorBefore the front door before ({@code ingress-nginx <controller>}, {@code gateway <ns/name>}, or
   *     {@code none})
   * @param frontDoorAfter the front door after
   * @param changes the changed source sets
   */
  public record Entry(Request request, String frontDoorBefore, String frontDoorAfter, List<Change> changes) {
    public Entry {
      changes = List.copyOf(changes);
    }
  }

  /** Whether either side has an L7 front door, so that {@code diff} compares at layer 7 too. */
  public static boolean applies(AksReachability before, AksReachability after) {
    GatewayOptions o = GatewayOptions.defaults();
    return L7Side.of(before, o).hasFrontDoor() || L7Side.of(after, o).hasFrontDoor();
  }

  /** Compares the two scenarios with the default Gateway options. */
  public static L7Diff of(AksReachability before, AksReachability after) {
    return of(L7Side.of(before, GatewayOptions.defaults()), L7Side.of(after, GatewayOptions.defaults()));
  }

  /** Compares two sides on the union of their requests. */
  public static L7Diff of(L7Side before, L7Side after) {
    Set<Request> requests = new LinkedHashSet<>(before.requests());
    requests.addAll(after.requests());
    List<Entry> out = new ArrayList<>();
    for (Request r : requests) {
      out.add(new Entry(r, before.frontDoor(r), after.frontDoor(r), changes(before.answers(r), after.answers(r))));
    }
    List<String> notes = new ArrayList<>();
    before.notes().forEach(n -> notes.add("before: " + n));
    after.notes().forEach(n -> notes.add("after: " + n));
    return new L7Diff(out, notes);
  }

  /** The pairs of pieces whose answers differ, with the sources they share, merged per pair of answers. */
  static List<Change> changes(List<Piece> before, List<Piece> after) {
    Map<List<Answer>, IpSet> moved = new LinkedHashMap<>();
    for (Piece x : before) {
      for (Piece y : after) {
        if (!x.answer().equals(y.answer())) {
          IpSet s = x.sources().intersection(y.sources());
          if (!s.isEmpty()) {
            moved.merge(List.of(x.answer(), y.answer()), s, IpSet::union);
          }
        }
      }
    }
    List<Change> out = new ArrayList<>();
    moved.forEach((k, s) -> out.add(new Change(k.get(0), k.get(1), s)));
    return out;
  }

  /** Whether no request's answer changed for any source. */
  public boolean isEmpty() {
    return entries.stream().allMatch(e -> e.changes().isEmpty());
  }
}
