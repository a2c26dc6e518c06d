package dev.trustkeys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing's training directory is removed before and after it runs. */
class CdsTrainingTest {
  @TempDir Path tmp;

  @Test
  void deleteTree_removesLinksWithoutFollowingThem() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept"), "not the build's\n");
    Path training = Files.createDirectories(tmp.resolve("training").resolve("trust"));
    Files.writeString(training.resolve("a.key"), "key\n");
    Files.createSymbolicLink(training.resolve("to-directory"), outside);
    Files.createSymbolicLink(training.resolve("to-file"), kept);
    Files.createSymbolicLink(training.resolve("dangling"), tmp.resolve("nowhere"));

    CdsTraining.deleteTree(tmp.resolve("training").toFile());

    assertFalse(Files.exists(tmp.resolve("training"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isDirectory(outside));
    assertEquals("not the build's\n", Files.readString(kept));
  }

  @Test
  void deleteTree_ofNothing_isNoError() throws IOException {
    CdsTraining.deleteTree(tmp.resolve("absent").toFile());
    assertFalse(Files.exists(tmp.resolve("absent"), LinkOption.NOFOLLOW_LINKS));
  }
}
