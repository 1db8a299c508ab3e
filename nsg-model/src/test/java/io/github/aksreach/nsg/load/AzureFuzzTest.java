package io.github.aksreach.nsg.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.aksreach.core.input.FuzzInvariants;
import io.github.aksreach.core.model.ModelError;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the Azure loader ({@code az ... -o json} files of a scenario's {@code azure/}): on any bytes,
 * {@link AzureLoader#parse} returns a network or problems, never throws, and every problem and note is one escaped,
 * bounded line naming the file, within the time bound.
 *
 * <p>Corpus: {@code src/test/resources/io/github/aksreach/nsg/load/AzureFuzzTestInputs/azureFiles/}, one object of
 * each kind from the lab and the scenario corpus, compact, plus odd but legal or typical broken shapes (BOM,
 * concatenated documents, a duplicate key, port ranges). {@code mvn verify} replays it and fuzzes for a few seconds;
 * README "Fuzzing" has the longer run.
 */
class AzureFuzzTest {
  private static final String NAME = "fuzz.json";

  @FuzzTest(maxDuration = "10s")
  @Timeout(30)
  void azureFiles(byte[] data) {
    LoadResult r = AzureLoader.parse(NAME, FuzzInvariants.text(data));
    for (ModelError e : r.errors()) {
      FuzzInvariants.check(e, NAME);
    }
    for (ModelError n : r.notes()) {
      FuzzInvariants.checkNote(n, NAME);
    }
    if (r.isValid() != r.network().isPresent()) {
      throw new AssertionError("valid without a network, or a network with problems: " + r.errors());
    }
  }
}
