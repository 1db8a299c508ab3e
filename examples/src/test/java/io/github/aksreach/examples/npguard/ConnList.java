package io.github.aksreach.examples.npguard;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * np-guard's expected connectivity ({@code connlist_output.txt}): one line per pair of peers with some allowed
 * connection, {@code SRC => DST : CONNS}. A peer is a workload {@code ns/name[Kind]} or an IPv4 range
 * {@code a.b.c.d-e.f.g.h[External]}; {@code CONNS} is {@code All Connections} or a list such as
 * {@code TCP 8080,9090,UDP 53}. A pair not listed has no connection.
 *
 * <pre>{@code
 * ConnList c = ConnList.parse(text);
 * c.allows(Peer.workload("default/frontend"), Peer.workload("default/backend"), Protocol.TCP, 9090);
 * }</pre>
 */
record ConnList(List<Line> lines) {
  /** A peer: a workload ({@code ns/name}) or an IPv4 range (both ends included, as unsigned 32-bit values). */
  record Peer(Optional<String> workload, long first, long last) {
    static Peer workload(String key) {
      return new Peer(Optional.of(key), 0, -1);
    }

    boolean external() {
      return workload.isEmpty();
    }

    boolean holds(Peer p) {
      if (p.external() != external()) {
        return false;
      }
      return external() ? first <= p.first && p.first <= last : workload.equals(p.workload);
    }

    static Peer address(IpAddress ip) {
      return new Peer(Optional.empty(), ip.v4Value(), ip.v4Value());
    }
  }

  /** One protocol's port range. */
  record Ports(Protocol protocol, int from, int to) {}

  /** One line: {@code ports} empty and {@code all} true for "All Connections". */
  record Line(Peer src, Peer dst, boolean all, List<Ports> ports) {
    boolean allows(Protocol p, int port) {
      return all || ports.stream().anyMatch(r -> r.protocol() == p && r.from() <= port && port <= r.to());
    }
  }

  static ConnList parse(String text) {
    List<Line> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String l = raw.strip();
      int arrow = l.indexOf(" => ");
      int colon = l.indexOf(" : ", Math.max(arrow, 0));
      if (l.isEmpty() || arrow < 0 || colon < 0 || l.contains("{ingress-controller}")) {
        continue;
      }
      Optional<Peer> src = peer(l.substring(0, arrow));
      Optional<Peer> dst = peer(l.substring(arrow + 4, colon));
      if (src.isEmpty() || dst.isEmpty()) {
        continue;
      }
      String conns = l.substring(colon + 3).strip();
      out.add(conns.equals("All Connections") ? new Line(src.get(), dst.get(), true, List.of())
          : new Line(src.get(), dst.get(), false, ports(conns)));
    }
    return new ConnList(out);
  }

  /** A peer of a line; an IPv6 range gives none (the questions are IPv4). */
  private static Optional<Peer> peer(String text) {
    String t = text.strip();
    int bracket = t.lastIndexOf('[');
    String name = bracket < 0 ? t : t.substring(0, bracket);
    if (t.endsWith("[External]")) {
      String[] ends = name.split("-");
      if (ends.length != 2 || ends[0].contains(":")) {
        return Optional.empty();
      }
      return Optional.of(new Peer(Optional.empty(), IpAddress.of(ends[0]).v4Value(), IpAddress.of(ends[1]).v4Value()));
    }
    return Optional.of(Peer.workload(name));
  }

  private static List<Ports> ports(String conns) {
    List<Ports> out = new ArrayList<>();
    Protocol current = null;
    for (String part : conns.split(",")) {
      String p = part.strip();
      int space = p.indexOf(' ');
      if (space > 0) {
        current = Protocol.valueOf(p.substring(0, space).toUpperCase(Locale.ROOT));
        p = p.substring(space + 1).strip();
      }
      String[] range = p.split("-");
      out.add(new Ports(current, Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])));
    }
    return out;
  }

  /** Whether some line allows {@code protocol}/{@code port} from {@code src} to {@code dst}. */
  boolean allows(Peer src, Peer dst, Protocol protocol, int port) {
    return lines.stream().anyMatch(l -> l.src().holds(src) && l.dst().holds(dst) && l.allows(protocol, port));
  }
}
