package io.github.aksreach.examples.generate;

import io.github.aksreach.k8s.output.HealthOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 8 threads querying one loaded scenario get the sequential answers: on a generated 50-node cluster, every thread
 * asks every {@link SyntheticQuestions} question (reach through ingress-nginx per host and path, reach to app load
 * balancers, checks of a client flow) and the health report, each thread in its own order, all on one fresh
 * analysis; each answer (its JSON) must equal the one a single thread got on another fresh analysis.
 */
class ConcurrentSessionTest {
  private static final int THREADS = 8;

  @Test
  void eightThreadsOnOneAnalysisGetTheSequentialAnswers() throws Exception {
    Scenario scenario = SyntheticAks.generate(SyntheticAks.Spec.of(50));
    List<SyntheticQuestions.Question> qs = SyntheticQuestions.all(3);
    AksReachability alone = AksReachability.of(scenario, AksOptions.defaults());
    List<String> expected = new ArrayList<>();
    for (SyntheticQuestions.Question q : qs) {
      expected.add(q.ask(alone));
    }
    String expectedHealth = HealthOutput.json(alone.health());
    assertThat(expected.stream().distinct().count()).as("the questions have different answers").isGreaterThan(5);
    assertThat(expected).anyMatch(a -> a.contains("\"verdict\""));

    AksReachability shared = AksReachability.of(scenario, AksOptions.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      futures.add(pool.submit(() -> {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i <= qs.size(); i++) {
          order.add(i);   // index qs.size() is the health report
        }
        Collections.shuffle(order, new Random(seed));
        String[] answers = new String[qs.size() + 1];
        start.await();
        for (int i : order) {
          answers[i] = i == qs.size() ? HealthOutput.json(shared.health()) : qs.get(i).ask(shared);
        }
        return List.of(answers);
      }));
    }
    try {
      for (int t = 0; t < THREADS; t++) {
        List<String> got = futures.get(t).get();
        for (int i = 0; i < qs.size(); i++) {
          assertThat(got.get(i)).as("thread %d: %s", t, qs.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(got.get(qs.size())).as("thread %d: health", t).isEqualTo(expectedHealth);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
