package io.github.aksreach.k8s.aks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.aksreach.core.input.FuzzInvariants;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the flow-log reader ({@code explain --flow-log}): on any bytes written to a file,
 * {@link FlowLogs#forEach} gives tuples or problems, never throws, counts exactly the tuples it gave, and every
 * problem is one escaped, bounded line naming the file, within the time bound.
 *
 * <p>Corpus: {@code src/test/resources/io/github/aksreach/k8s/aks/FlowLogFuzzTestInputs/flowLogs/}: the lab's NSG and
 * VNet flow-log blobs and plain tuples, and the shapes of issue 15 (JSON Lines, an array of blobs, a BOM with a
 * comment, duplicate {@code records}).
 */
class FlowLogFuzzTest {
  private static final Path FILE = file();

  private static Path file() {
    try {
      return Files.createTempFile("aksreach-fuzz-flow-log", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void delete() throws IOException {
    Files.deleteIfExists(FILE);
  }

  @FuzzTest(maxDuration = "10s")
  @Timeout(30)
  void flowLogs(byte[] data) throws IOException {
    Files.write(FILE, data);
    AtomicLong given = new AtomicLong();
    check(FlowLogs.forEach(FILE, e -> given.incrementAndGet()), given);
    // again with a record cap of a few values, so that refusing a record and skipping the rest of it are fuzzed too:
    // the default cap of millions of values is never reached by inputs of a few KB
    AtomicLong givenCapped = new AtomicLong();
    check(new FlowLogReader(FILE, e -> givenCapped.incrementAndGet(), SMALL_RECORD_CAP).read(), givenCapped);
  }

  /** A record cap some seed records (10 to 24 values) stay under and some do not. */
  private static final long SMALL_RECORD_CAP = 20;

  private static void check(Validation<Seq<ModelError>, Long> r, AtomicLong given) {
    String name = FILE.toString();
    if (r.isInvalid()) {
      if (r.getError().isEmpty()) {
        throw new AssertionError("refused without a problem");
      }
      r.getError().forEach(e -> FuzzInvariants.check(e, name));
    } else if (r.get() != given.get()) {
      throw new AssertionError(r.get() + " tuples counted, " + given.get() + " given");
    }
  }
}
