package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's natural order of tags (sortorder.NaturalLess), case by case. */
class NaturalOrderTest {
  @Test
  void numbersCompareByValue_digitsBeforeLetters_fewerZerosFirst() {
    List<String> tags =
        new ArrayList<>(
            List.of(
                "v10",
                "v9",
                "latest",
                "1.10",
                "1.9",
                "1.09",
                "10",
                "2",
                "a",
                "B",
                "v1.0-rc1",
                "v1.0",
                "002",
                "02"));
    tags.sort(NaturalOrder::compare);
    assertEquals(
        List.of(
            "1.9",
            "1.09",
            "1.10",
            "2",
            "02",
            "002",
            "10",
            "B",
            "a",
            "latest",
            "v1.0",
            "v1.0-rc1",
            "v9",
            "v10"),
        tags);
  }

  @Test
  void aPrefixSortsFirst_equalStringsAreEqual() {
    assertEquals(-1, NaturalOrder.compare("app", "app1"));
    assertEquals(1, NaturalOrder.compare("app1", "app"));
    assertEquals(0, NaturalOrder.compare("x7", "x7"));
  }
}
