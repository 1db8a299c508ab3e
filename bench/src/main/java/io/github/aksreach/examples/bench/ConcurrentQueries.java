package io.github.aksreach.examples.bench;

import io.github.aksreach.examples.generate.SyntheticAks;
import io.github.aksreach.examples.generate.SyntheticQuestions;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Contention on one analysis session: the {@link SyntheticQuestions} (5 per host, 100 for 20) asked by one
 * thread on a fresh {@code AksReachability}, then by {@code threads} threads together on another fresh one (each
 * thread asks every question, in its own order). Prints the wall-clock times, and, from a JFR recording of the
 * concurrent phase, every contended monitor enter ({@code jdk.JavaMonitorEnter}, threshold 0) grouped by the class
 * of the monitor: how often threads waited for a lock and for how long. Checks that every concurrent answer equals
 * the sequential one. Run (from the repository root, after {@code mvn -B -q package -DskipTests}):
 *
 * <pre>{@code
 * java -Xmx2g -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.ConcurrentQueries 8 3 50 20
 * }</pre>
 *
 * <p>Arguments: threads, rounds, nodes, hosts (questions = 5 x hosts).
 */
public final class ConcurrentQueries {
  private ConcurrentQueries() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int hosts = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    Scenario scenario = SyntheticAks.generate(SyntheticAks.Spec.of(nodes));
    List<SyntheticQuestions.Question> qs = SyntheticQuestions.all(hosts);
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      AksReachability seq = AksReachability.of(scenario, AksOptions.defaults());
      List<String> expected = new ArrayList<>();
      for (SyntheticQuestions.Question q : qs) {
        expected.add(q.ask(seq));
      }
      long seqNs = System.nanoTime() - t0;

      Path jfr = Files.createTempFile("contention", ".jfr");
      long concNs;
      try (Recording rec = new Recording()) {
        rec.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withoutStackTrace();
        rec.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withoutStackTrace();
        rec.start();
        long t1 = System.nanoTime();
        AksReachability shared = AksReachability.of(scenario, AksOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          long seed = t;
          futures.add(pool.submit(() -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
              order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            String[] answers = new String[qs.size()];
            for (int i : order) {
              answers[i] = qs.get(i).ask(shared);
            }
            return List.of(answers);
          }));
        }
        int wrong = 0;
        for (Future<List<String>> f : futures) {
          List<String> got = f.get();
          for (int i = 0; i < got.size(); i++) {
            wrong += got.get(i).equals(expected.get(i)) ? 0 : 1;
          }
        }
        pool.shutdown();
        concNs = System.nanoTime() - t1;
        if (rec.getState() == RecordingState.RUNNING) {
          rec.stop();
        }
        rec.dump(jfr);
        if (wrong > 0) {
          throw new AssertionError(wrong + " concurrent answers differ from the sequential ones");
        }
      }
      Map<String, long[]> byMonitor = new TreeMap<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
        String key = e.getEventType().getName().equals("jdk.JavaMonitorEnter")
            ? "monitor " + e.getClass("monitorClass").getName()
            : "park " + (e.getClass("parkedClass") == null ? "?" : e.getClass("parkedClass").getName());
        long[] v = byMonitor.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += e.getDuration().toNanos();
      }
      Files.delete(jfr);
      System.out.printf(Locale.ROOT, "round %d: %d questions, 1 thread %.0f ms; %d threads x %d questions %.0f ms "
          + "(%.2f x the sequential time for %dx the work)%n", r, qs.size(), seqNs / 1e6, threads, qs.size(),
          concNs / 1e6, (double) concNs / seqNs, threads);
      for (Map.Entry<String, long[]> e : byMonitor.entrySet()) {
        System.out.printf(Locale.ROOT, "  waited on %-70s %7d times, %9.1f ms%n", e.getKey(), e.getValue()[0],
            e.getValue()[1] / 1e6);
      }
    }
  }
}
