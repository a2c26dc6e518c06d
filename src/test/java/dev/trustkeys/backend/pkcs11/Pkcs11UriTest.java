package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.UsageException;
import org.junit.jupiter.api.Test;

class Pkcs11UriTest {
  private static final TokenInfo TOKEN =
      new TokenInfo(7, "slot", "My token", "SoftHSM project", "SoftHSM v2", "0a1b2c", 0x400);

  @Test
  void parse_rfc7512Example_readsEveryAttribute() throws Exception {
    Pkcs11Uri u =
        Pkcs11Uri.parse(
            "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;serial=42;"
                + "model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91");
    assertEquals("The Software PKCS#11 Softtoken", u.token().orElseThrow());
    assertEquals("Snake Oil, Inc.", u.manufacturer().orElseThrow());
    assertEquals("42", u.serial().orElseThrow());
    assertEquals("1.0", u.model().orElseThrow());
    assertEquals("my-certificate", u.object().orElseThrow());
    assertEquals("cert", u.type().orElseThrow());
    assertArrayEquals(
        new byte[] {
          0x69, (byte) 0x95, 0x3e, 0x5c, (byte) 0xf4, (byte) 0xbd, (byte) 0xec, (byte) 0x91
        },
        u.id().orElseThrow());
    assertTrue(u.namesObject());
  }

  @Test
  void format_thenParse_givesTheSameUri() throws Exception {
    Pkcs11Uri u =
        Pkcs11Uri.builder()
            .token(TOKEN)
            .attribute("object", "keys:targets:registry.example.com:5000/app;x:0a1b2c3d")
            .id(new byte[] {0, 1, (byte) 0xff})
            .attribute("type", "private")
            .build();
    String s = u.toString();
    assertEquals(
        "pkcs11:manufacturer=SoftHSM%20project;model=SoftHSM%20v2;serial=0a1b2c;token=My%20token;"
            + "object=keys:targets:registry.example.com:5000%2Fapp%3Bx:0a1b2c3d;id=%00%01%FF;type=private",
        s);
    Pkcs11Uri back = Pkcs11Uri.parse(s);
    assertEquals(u, back);
    assertEquals(
        "keys:targets:registry.example.com:5000/app;x:0a1b2c3d", back.object().orElseThrow());
  }

  @Test
  void parse_pinValue_isRefusedWithoutEchoingThePin() {
    UsageException e =
        assertThrows(
            UsageException.class, () -> Pkcs11Uri.parse("pkcs11:token=t?pin-value=s3cr3t-771"));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertFalse(e.getMessage().contains("s3cr3t-771"), e.getMessage());
    assertTrue(e.getMessage().contains("pin-source=file:"), e.getMessage());
  }

  @Test
  void parse_queryAttributes_moduleAndPinSource() throws Exception {
    Pkcs11Uri u =
        Pkcs11Uri.parse(
            "pkcs11:token=t?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin");
    assertEquals("/usr/lib/softhsm/libsofthsm2.so", u.modulePath().orElseThrow());
    assertEquals("file:/run/pin", u.pinSource().orElseThrow());
    assertEquals("pkcs11:token=t", u.withoutQuery().toString());
    assertFalse(u.namesObject());
  }

  @Test
  void parse_rejectsMalformedInput() {
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs12:token=t"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:colour=blue"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:token=a;token=b"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:id=%4"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:id=%zz"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:type=key"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:token"));
    assertThrows(UsageException.class, () -> Pkcs11Uri.parse("pkcs11:token=t?pin-command=x"));
  }

  @Test
  void parse_vendorAttributes_areKept() throws Exception {
    assertEquals(
        "pkcs11:token=t;x-vendor=v", Pkcs11Uri.parse("pkcs11:x-vendor=v;token=t").toString());
  }

  @Test
  void matchesToken_comparesOnlyTheAttributesGiven() throws Exception {
    assertTrue(Pkcs11Uri.parse("pkcs11:").matchesToken(TOKEN));
    assertTrue(Pkcs11Uri.parse("pkcs11:token=My%20token").matchesToken(TOKEN));
    assertTrue(Pkcs11Uri.parse("pkcs11:serial=0a1b2c;model=SoftHSM%20v2").matchesToken(TOKEN));
    assertTrue(Pkcs11Uri.parse("pkcs11:slot-id=7").matchesToken(TOKEN));
    assertFalse(Pkcs11Uri.parse("pkcs11:token=Other").matchesToken(TOKEN));
    assertFalse(Pkcs11Uri.parse("pkcs11:token=My%20token;serial=99").matchesToken(TOKEN));
  }

  @Test
  void matchesObject_byLabelAndId() throws Exception {
    Pkcs11Uri u = Pkcs11Uri.parse("pkcs11:object=k1;id=%01");
    assertTrue(u.matchesObject("k1", new byte[] {1}));
    assertFalse(u.matchesObject("k1", new byte[] {2}));
    assertFalse(u.matchesObject("k2", new byte[] {1}));
  }
}
