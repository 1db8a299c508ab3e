package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Flow spaces built at the same time by 8 threads stay canonical: equality of flow spaces is identity of their
 * interned diagrams, so every thread that builds the same set must get the very same diagram, and the sequential one.
 */
class ConcurrentInterningTest {
  private static final int THREADS = 8;

  /** A deterministic sequence of flow spaces: unions, differences and intersections of random boxes. */
  static List<FlowSpace> build(long seed, int n) {
    Random r = new Random(seed);
    List<FlowSpace> out = new ArrayList<>();
    FlowSpace acc = FlowSpace.empty();
    for (int i = 0; i < n; i++) {
      IpPrefix src = IpPrefix.of(IpAddress.of("10." + r.nextInt(4) + "." + r.nextInt(256) + ".0"), 24 + r.nextInt(9));
      IpPrefix dst = IpPrefix.of(IpAddress.of("192.168." + r.nextInt(8) + ".0"), 24 + r.nextInt(9));
      int lo = r.nextInt(2000);
      FlowSpace box = FlowSpace.where(Field.SRC_IP, IpSet.of(src))
          .restrictTo(Field.DST_IP, IpSet.of(dst))
          .restrictTo(Field.DST_PORT, PortSet.of(PortRange.of(lo, lo + r.nextInt(500))));
      switch (r.nextInt(3)) {
        case 0:
          acc = acc.union(box);
          break;
        case 1:
          acc = acc.difference(box);
          break;
        default:
          acc = acc.union(box).intersection(box.complement().union(acc));
      }
      out.add(acc);
    }
    return out;
  }

  @Test
  void eightThreadsBuildingTheSameSetsGetTheSameCanonicalDiagrams() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      long s = seed;
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<List<FlowSpace>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          return build(s, 300);
        }));
      }
      List<List<FlowSpace>> results = new ArrayList<>();
      for (Future<List<FlowSpace>> f : futures) {
        results.add(f.get());
      }
      pool.shutdown();
      List<FlowSpace> sequential = build(s, 300);
      for (List<FlowSpace> r : results) {
        for (int i = 0; i < sequential.size(); i++) {
          assertThat(r.get(i).diagram()).as("seed %d, set %d", s, i).isSameAs(sequential.get(i).diagram());
        }
      }
      assertThat(sequential.stream().map(FlowSpace::size).distinct().count()).as("the sets differ").isGreaterThan(10);
    }
  }
}
