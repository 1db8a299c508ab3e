package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ListStream}: which texts are lists, and that each element and field arrives as the tree of its own. */
class ListStreamTest {
  private static final ReadLimits LIMITS = ReadLimits.defaults();

  /** What a sink saw, as text: "list:key", "field:key=value", "item:i=value". */
  private static final class Seen implements ListStream.Sink {
    final List<String> seen = new ArrayList<>();

    @Override
    public boolean list(String key) {
      seen.add("list:" + key);
      return true;
    }

    @Override
    public boolean field(String key, JsonNode value) {
      seen.add("field:" + key + "=" + value);
      return true;
    }

    @Override
    public boolean item(int index, JsonNode value) {
      seen.add("item:" + index + "=" + value);
      return true;
    }
  }

  @Test
  void anArrayAndAnObjectWithItsListAreReadElementByElement() {
    Seen a = new Seen();
    assertThat(ListStream.read("a.json", "\ufeff[{\"a\": [1, {\"b\": null}]}, 2, null]", LIMITS, "value", true, a))
        .isTrue();
    assertThat(a.seen).containsExactly("list:null", "item:0={\"a\":[1,{\"b\":null}]}", "item:1=2", "item:2=null");
    Seen o = new Seen();
    assertThat(ListStream.read("o.json", "{\"kind\": \"List\", \"items\": [{}], \"metadata\": {\"x\": 1}}", LIMITS,
        "items", false, o)).isTrue();
    assertThat(o.seen).containsExactly("field:kind=\"List\"", "list:items", "item:0={}", "field:metadata={\"x\":1}");
  }

  @Test
  void anythingElseIsNoList() {
    for (String text : List.of("", "42", "{\"value\": 1}", "{\"other\": []}", "[1] [2]", "[1, 2",
        "[{\"a\": 1, \"a\": 2}]",
        "{\"value\": [], \"value\": []}", "{\"value\": [1], \"x\": {\"y\": 1, \"y\": 2}}", "[1, }]")) {
      assertThat(ListStream.read("x.json", text, LIMITS, "value", true, new Seen())).as(text).isFalse();
    }
    assertThat(ListStream.read("x.json", "[1]", LIMITS, "value", false, new Seen())).isFalse();
    assertThat(ListStream.read("x.json", "[1, 2]", LIMITS, "value", true, (i, v) -> i == 0)).isFalse();
    assertThat(ListStream.read("x.json", "[1, 2]", LIMITS, "value", true, (i, v) -> {
      throw new IllegalStateException("a sink's failure");
    })).isFalse();
  }
}
