package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Recent}: an answer is made once while kept, the one asked least lately goes first, and threads agree. */
class RecentTest {
  @Test
  void anAnswerIsMadeOnceWhileKept() {
    Recent<String, Integer> r = new Recent<>(2);
    AtomicInteger made = new AtomicInteger();
    assertThat(r.answer("web", q -> made.incrementAndGet() * 100 + q.length())).isEqualTo(103);
    assertThat(r.answer("web", q -> made.incrementAndGet() * 100 + q.length())).isEqualTo(103);
    assertThat(made).hasValue(1);
    assertThat(r.size()).isEqualTo(1);
  }

  @Test
  void theAnswerAskedLeastLatelyGoesWhenFull() {
    Recent<String, String> r = new Recent<>(2);
    List<String> made = new ArrayList<>();
    r.answer("a", q -> { made.add(q); return q; });
    r.answer("b", q -> { made.add(q); return q; });
    r.answer("a", q -> { made.add(q); return q; });   // a asked lately: b is the eldest now
    r.answer("c", q -> { made.add(q); return q; });   // b goes
    r.answer("a", q -> { made.add(q); return q; });
    r.answer("b", q -> { made.add(q); return q; });   // made again
    assertThat(made).containsExactly("a", "b", "c", "b");
    assertThat(r.size()).isEqualTo(2);
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new Recent<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threadsAskingAtOnceGetEqualAnswersAndTheMemoStaysBounded() throws Exception {
    Recent<Integer, Integer> r = new Recent<>(16);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        all.add(pool.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            int q = i % 40;
            if (r.answer(q, x -> x * x) != q * q) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : all) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(r.size()).isEqualTo(16);
  }
}
