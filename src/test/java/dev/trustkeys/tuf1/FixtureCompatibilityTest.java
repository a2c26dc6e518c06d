package dev.trustkeys.tuf1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TUF 1.0 dialect measured on real files of Sigstore, tuf-on-ci and python-tuf. */
class FixtureCompatibilityTest {
  @Test
  void everyFixtureFile_isWrittenBackByteForByte() throws Exception {
    List<Path> files = Tuf1Fixtures.metadataFiles();
    assertTrue(files.size() >= 28, files.toString());
    for (Path f : files) {
      byte[] raw = Files.readAllBytes(f);
      Metadata md = Metadata.parse(raw);
      assertArrayEquals(raw, md.toBytes(), f.toString());
      assertTrue(md.reproducesOriginal(), f.toString());
    }
  }

  @Test
  void pythonTufFiles_areDetectedAsItsSerializer_goTufFilesAsTabsInStructOrder() throws Exception {
    assertEquals(
        JsonStyle.PYTHON_TUF, style(Tuf1Fixtures.TUF_ON_CI.resolve("metadata/1.root.json")));
    assertEquals(
        JsonStyle.PYTHON_TUF, style(Tuf1Fixtures.SIGSTORE.resolve("metadata/12.root.json")));
    JsonStyle go = style(Tuf1Fixtures.SIGSTORE.resolve("metadata/5.root.json"));
    assertEquals("\t", go.indent());
    assertFalse(go.sortKeys());
  }

  @Test
  void keyIds_followTheRule_exceptTheOneSigstoreRootV11Key() throws Exception {
    List<String> nonCompliant = new ArrayList<>();
    int keys = 0;
    for (Path f : Tuf1Fixtures.metadataFiles()) {
      Metadata md = Metadata.parse(Files.readAllBytes(f));
      Map<String, Tuf1Key> listed =
          md.type().equals("root")
              ? Root.of(md).keys()
              : md.type().equals("targets") ? Targets.of(md).delegationKeys() : Map.of();
      for (Tuf1Key k : listed.values()) {
        keys++;
        k.publicKey();
        if (!k.idCompliant()) {
          nonCompliant.add(Tuf1Fixtures.ROOT.relativize(f) + " " + k.id().substring(0, 8));
        }
      }
    }
    assertTrue(keys > 80, "keys checked: " + keys);
    assertEquals(List.of("sigstore-root-signing/metadata/11.root.json 7247f0db"), nonCompliant);
  }

  @Test
  void everyFixture_verifiesAtItsFaketime_andTheExpiredOnesFailToday() throws Exception {
    for (Path repo : Tuf1Fixtures.repositories()) {
      Instant at = Tuf1Fixtures.faketime(repo);
      VerifyReport r =
          RepositoryVerifier.verify(RepositoryFiles.open(repo), at == null ? Instant.now() : at);
      assertEquals(List.of(), r.problems(), repo.toString());
    }
    VerifyReport today =
        RepositoryVerifier.verify(RepositoryFiles.open(Tuf1Fixtures.SIGSTORE), Instant.now());
    assertFalse(today.ok());
    assertTrue(
        today.problems().get(0).matches("root version 12 expired at 2025-08-19T14:33:09Z"),
        today.problems().toString());
  }

  @Test
  void sigstoreChain_isCheckedFromVersion1_withEveryStepSignedByThePreviousRoot() throws Exception {
    VerifyReport r =
        RepositoryVerifier.verify(
            RepositoryFiles.open(Tuf1Fixtures.SIGSTORE),
            Tuf1Fixtures.faketime(Tuf1Fixtures.SIGSTORE));
    assertEquals(12, r.rootChain().size());
    assertEquals(1, r.rootChain().get(0).version());
    for (VerifyReport.RootStep s : r.rootChain().subList(1, 12)) {
      assertTrue(s.byPrevious().met() && s.bySelf().met(), "root " + s.version());
    }
    assertTrue(
        r.warnings().stream().anyMatch(w -> w.startsWith("root version 11: key 7247f0db")),
        r.warnings().toString());
    assertTrue(
        r.warnings().stream()
            .anyMatch(w -> w.contains("1.root.json: expires '2021-12-18T13:28:12.99008-06:00'")),
        r.warnings().toString());
    assertEquals(1, r.targetsChecked());
    assertTrue(r.targetsAbsent() > 0);
  }

  private static JsonStyle style(Path f) throws Exception {
    return Metadata.parse(Files.readAllBytes(f)).style();
  }
}
