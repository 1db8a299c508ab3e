package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow logs whose size would otherwise decide memory and time (issue 15): a plain-text line is read up to
 * {@link FlowLogReader#MAX_LINE} characters and a JSON record up to a number of values, each refused past that with
 * a problem naming the file and where, in a time that does not grow with the file.
 */
class FlowLogBoundsTest {
  private static final String DENY = "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,";

  @TempDir
  Path dir;

  /** The one record of {@link FlowLogsTest#blob}. */
  private static String record(String... tuples) {
    String b = FlowLogsTest.blob("NSG-USER", "UserRule_DenyAllCustom", tuples);
    return b.substring("{\"records\":[".length(), b.length() - 2);
  }

  @Test
  void aSparseGigabyteOfZerosIsRefusedAtItsFirstLineNotReadToTheEnd() throws IOException {
    Path f = dir.resolve("sparse.log");
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(1L << 30);
    }
    // reading a gigabyte of zeros as one line took the heap; refused after 64 KiB it is sub-second
    Validation<Seq<ModelError>, Long> v = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> FlowLogs.scan(f));
    assertThat(v.isInvalid()).isTrue();
    assertThat(v.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(f.toString());
      assertThat(e.path()).isEqualTo("line 1");
      assertThat(e.message()).isEqualTo("longer than 65536 characters: not a flow-log tuple; nothing after it is read");
    });
  }

  @Test
  void tuplesBeforeALongLineAreReadAndItIsNamedByItsNumber() throws IOException {
    Path f = Files.writeString(dir.resolve("tuples.log"), DENY + "\n# a comment\n" + "9".repeat(70_000) + "\n"
        + DENY + "\n");
    List<FlowLogs.Entry> given = new ArrayList<>();
    Validation<Seq<ModelError>, Long> v = FlowLogs.forEach(f, given::add);
    assertThat(given).hasSize(1);
    assertThat(v.getError()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("line 3"));
  }

  @Test
  void aLineJustUnderTheLimitIsReadAsATupleAndRefusedForItsContentOnly() throws IOException {
    Path f = Files.writeString(dir.resolve("long.log"), "9".repeat(FlowLogReader.MAX_LINE) + "\n" + DENY + "\n");
    Validation<Seq<ModelError>, Long> v = FlowLogs.scan(f);
    assertThat(v.getError()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("line 1");
      assertThat(e.message()).doesNotContain("longer than");
    });
  }

  @Test
  void aRecordOverTheValueLimitIsRefusedAndSkippedAndTheNextRecordIsRead() throws IOException {
    String big = record(Collections.nCopies(500, DENY).toArray(new String[0]));
    String small = record(DENY);
    Path f = Files.writeString(dir.resolve("PT1H.json"), "{\"records\": [" + big + ", " + small + "]}");
    List<FlowLogs.Entry> given = new ArrayList<>();
    Validation<Seq<ModelError>, Long> v = new FlowLogReader(f, given::add, 100).read();
    assertThat(given).as("the record after the refused one").hasSize(1);
    assertThat(given.get(0).where()).endsWith("records[1].properties.flows[0].flows[0].flowTuples[0]");
    assertThat(v.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(f.toString());
      assertThat(e.path()).isEqualTo("records[0]");
      assertThat(e.message()).startsWith("a record of more than 100 values: not read")
          .contains("-D" + ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY + "=<values>");
    });
    // with the default limit the same file is read whole
    assertThat(FlowLogs.scan(f).get()).isEqualTo(501L);
    // the limit is ReadLimits' like the others: given, or from the system property
    ReadLimits hundred = ReadLimits.defaults().withMaxFlowLogRecordValues(100);
    assertThat(FlowLogs.scan(f, hundred).getError()).singleElement().isEqualTo(v.getError().head());
    List<FlowLogs.Entry> streamed = new ArrayList<>();
    assertThat(FlowLogs.forEach(f, hundred, streamed::add).getError()).isEqualTo(v.getError());
    assertThat(streamed).isEqualTo(given);
    System.setProperty(ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY, "100");
    try {
      assertThat(FlowLogs.scan(f).getError()).isEqualTo(v.getError());
    } finally {
      System.clearProperty(ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY);
    }
  }
}
